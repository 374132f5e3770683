import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ImagePurpose, ImageView } from '@linli/shared';
import {
  contentTypeOf,
  isPermanentUploadError,
  refusalOf,
  uploadImage,
  type ChosenImage,
  type UploadProgress,
} from '../../api/image-upload';
import { describeError, useI18n } from '../../i18n';

/** A chosen photo on its way (or stuck): not in the form's value yet. */
export interface PendingPhoto {
  key: string;
  image: ChosenImage;
  progress: UploadProgress;
  /** Why it did not arrive, and whether trying again can help. */
  failure?: { text: string; retryable: boolean };
}

export interface UploadsInput {
  communityId: string;
  purpose: ImagePurpose;
  max: number;
  value: readonly ImageView[];
  onChange: (images: ImageView[]) => void;
}

export interface Uploads {
  pending: PendingPhoto[];
  /** A problem with what was chosen (a GIF, too large, too many), in words. */
  notice: string | undefined;
  /** How many more may be chosen. */
  room: number;
  add: (images: ChosenImage[]) => Promise<void>;
  retry: (key: string) => void;
  dismiss: (key: string) => void;
  remove: (imageId: string) => void;
}

/**
 * The uploads of one ImageUploader: refuses what cannot be sent before anything is asked, sends the
 * rest one after another, and adds each to the value as it completes (in the order chosen).
 */
export function useUploads({ communityId, purpose, max, value, onChange }: UploadsInput): Uploads {
  const { t } = useI18n();
  const [pending, setPending] = useState<PendingPhoto[]>([]);
  const [notice, setNotice] = useState<string>();
  const latestValue = useRef(value);
  const nextKey = useRef(0);
  useEffect(() => {
    latestValue.current = value;
  }, [value]);

  const change = (next: ImageView[]) => {
    latestValue.current = next;
    onChange(next);
  };
  const send = async (photo: PendingPhoto) => {
    setPending((list) => list.map((item) => (item.key === photo.key ? { ...item, failure: undefined } : item)));
    try {
      const image = await uploadImage({ communityId, purpose, image: photo.image, progress: photo.progress });
      setPending((list) => list.filter((item) => item.key !== photo.key));
      change([...latestValue.current, image]);
    } catch (error) {
      const failure = { text: describeError(t, error), retryable: !isPermanentUploadError(error) };
      setPending((list) => list.map((item) => (item.key === photo.key ? { ...item, failure } : item)));
    }
  };

  const room = Math.max(0, max - value.length - pending.length);
  const add = async (images: ChosenImage[]) => {
    const refusals = images.map(refusalOf);
    const sendable = images.filter((_, index) => !refusals[index]);
    const accepted = sendable.slice(0, room);
    const problems = [...new Set(refusals.flatMap((code) => (code ? [t(`error.${code}`)] : [])))];
    if (sendable.length > room) problems.push(t('photos.tooMany', { max, count: sendable.length - room }));
    setNotice(problems.length > 0 ? problems.join('；') : undefined);
    const fresh = accepted.map((image) => ({ key: `photo-${(nextKey.current += 1)}`, image, progress: {} }));
    setPending((list) => [...list, ...fresh]);
    for (const photo of fresh) await send(photo);
  };

  return {
    pending,
    notice,
    room,
    add,
    retry: (key) => {
      const photo = pending.find((item) => item.key === key);
      if (photo) void send(photo);
    },
    dismiss: (key) => setPending((list) => list.filter((item) => item.key !== key)),
    remove: (imageId) => change(latestValue.current.filter((image) => image.id !== imageId)),
  };
}

/** Files chosen in the browser's file input. */
export function chosenFromFiles(files: readonly File[]): ChosenImage[] {
  return files.map((file) => ({ bytes: file.size, contentType: contentTypeOf(file.type, file.name), file }));
}

/** Up to `count` photos from WeChat's album or camera (reduced by WeChat); none when the person cancels. */
export async function chooseInWeChat(count: number): Promise<ChosenImage[]> {
  const chosen = await Taro.chooseImage({
    count,
    sizeType: ['compressed'],
    sourceType: ['album', 'camera'],
  }).catch(() => null);
  return (chosen?.tempFiles ?? []).map((file) => ({
    bytes: file.size,
    contentType: contentTypeOf(file.type, file.path),
    path: file.path,
  }));
}
