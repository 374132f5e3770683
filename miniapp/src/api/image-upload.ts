import Taro from '@tarojs/taro';
import {
  contracts,
  IMAGE_CONTENT_TYPES,
  MAX_IMAGE_BYTES,
  type ImageContentType,
  type ImagePurpose,
  type ImageUpload,
  type ImageView,
} from '@linli/shared';
import { ApiError } from './api-error';
import { request } from './client';

/** A photo the person chose: a `File` in the browser, a temporary file in WeChat. */
export interface ChosenImage {
  /** The file's exact size. */
  bytes: number;
  /** JPEG, PNG or WebP; undefined for anything else (a GIF, a HEIC, a PDF…). */
  contentType: ImageContentType | undefined;
  /** H5: the file itself. */
  file?: Blob;
  /** weapp: the temporary file's path (`wxfile://…`). */
  path?: string;
}

/** How far one photo's upload got: what a retry can skip. */
export interface UploadProgress {
  /** The bytes reached storage under this image id: a retry only completes it. */
  sentImageId?: string;
}

const BY_EXTENSION: [RegExp, ImageContentType][] = [
  [/\.jpe?g$/i, 'image/jpeg'],
  [/\.png$/i, 'image/png'],
  [/\.webp$/i, 'image/webp'],
];

/**
 * The photo's type from what the browser says (`image/gif`…), else from the file name's extension
 * (WeChat's temporary files say nothing else). Undefined when it is not a type we take.
 */
export function contentTypeOf(type: string | undefined, name: string): ImageContentType | undefined {
  const declared = (type ?? '').toLowerCase().replace('image/jpg', 'image/jpeg');
  if (declared) return IMAGE_CONTENT_TYPES.find((allowed) => allowed === declared);
  return BY_EXTENSION.find(([extension]) => extension.test(name))?.[1];
}

/** Why the photo cannot be sent at all (the error code the API would answer), or undefined when it can. */
export function refusalOf(image: ChosenImage): 'image.wrong_type' | 'image.too_large' | undefined {
  if (!image.contentType) return 'image.wrong_type';
  if (image.bytes <= 0 || image.bytes > MAX_IMAGE_BYTES) return 'image.too_large';
  return undefined;
}

/** Errors a retry cannot mend: the file itself is wrong. */
export function isPermanentUploadError(error: unknown): boolean {
  return error instanceof ApiError && ['image.wrong_type', 'image.too_large', 'image.unreadable'].includes(error.code);
}

/**
 * Uploads one photo: asks the API where to (`requestImageUpload`), sends its bytes straight to
 * storage with exactly the headers it names, then tells the API it is there (`completeImageUpload`).
 * `progress` remembers a finished transfer, so a retry after a failed completion does not send the bytes again.
 */
export async function uploadImage(input: {
  communityId: string;
  purpose: ImagePurpose;
  image: ChosenImage;
  progress: UploadProgress;
}): Promise<ImageView> {
  const { communityId: cid, purpose, image, progress } = input;
  const refusal = refusalOf(image);
  if (refusal || !image.contentType) throw new ApiError(422, refusal ?? 'image.wrong_type', 'Not a photo we take');
  let imageId = progress.sentImageId;
  if (!imageId) {
    const upload = await request(contracts.requestImageUpload, {
      params: { cid },
      body: { purpose, contentType: image.contentType, bytes: image.bytes },
    });
    await sendBytes(upload, image);
    imageId = upload.id;
    progress.sentImageId = imageId;
  }
  try {
    return await request(contracts.completeImageUpload, { params: { cid, imageId } });
  } catch (error) {
    // Only a lost answer is worth completing again; anything else starts over with a new upload.
    if (!(error instanceof ApiError) || (error.status !== 0 && error.status < 500)) progress.sentImageId = undefined;
    throw error;
  }
}

async function sendBytes(upload: ImageUpload, image: ChosenImage): Promise<void> {
  const status =
    process.env.TARO_ENV === 'h5' ? await putFromBrowser(upload, image) : await putFromWeChat(upload, image);
  if (status < 200 || status >= 300) {
    throw new ApiError(status, 'image.upload_failed', `The photo storage answered ${status}`);
  }
}

async function putFromBrowser(upload: ImageUpload, image: ChosenImage): Promise<number> {
  try {
    const response = await fetch(upload.uploadUrl, {
      method: upload.method,
      headers: upload.headers,
      body: image.file,
    });
    return response.status;
  } catch (error) {
    throw new ApiError(0, 'network.unreachable', error instanceof Error ? error.message : 'The upload failed');
  }
}

async function putFromWeChat(upload: ImageUpload, image: ChosenImage): Promise<number> {
  const data = await readTemporaryFile(image.path ?? '');
  try {
    const response = await Taro.request({
      url: upload.uploadUrl,
      method: upload.method,
      header: upload.headers,
      data,
      dataType: 'text',
      responseType: 'text',
    });
    return response.statusCode;
  } catch (error) {
    throw new ApiError(0, 'network.unreachable', (error as { errMsg?: string })?.errMsg ?? 'The upload failed');
  }
}

/** The temporary file's bytes, as WeChat hands them over without an encoding. */
function readTemporaryFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (result) => resolve(result.data as ArrayBuffer),
      fail: (error) => reject(new ApiError(0, 'image.unreadable', error.errMsg)),
    });
  });
}
