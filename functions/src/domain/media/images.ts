import {
  MAX_IMAGE_BYTES,
  type ImagePurpose,
  type ImageReview,
  type ImageStatus,
  type ImageUpload,
  type ImageUploadRequest,
  type ImageView,
} from '@linli/shared';
import { AppError } from '../../lib/errors';
import { refuseOwnInterest } from '../identity/conflicts';
import { newId } from '../../lib/ids';
import type { ContentScene } from '../office/content-screening';
import type { ImageStore, MediaDependencies, ObjectStorage, StoredImage } from './ports';

/**
 * Photos (issue 19, item 4). The client asks for an upload URL, `PUT`s the file straight to object
 * storage, then says it is done; the bytes are proved (type by their signature, size, a header within
 * 50 megapixels, a decode), a thumbnail made and WeChat's image check asked. Until WeChat's verdict
 * says `pass` — or staff release it from their queue — only the uploader and staff see the photo;
 * `risky` deletes it. WeChat unreachable, or no verdict within the hour: the office's queue, never
 * shown unchecked.
 */

/** An upload URL works this long. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Upload URLs one member may ask for in an hour, in one community (429 `image.too_many_pending` beyond). */
export const MAX_UPLOADS_PER_HOUR = 30;
/** One completion holds the photo this long (the media function's timeout and then some). */
const COMPLETION_SECONDS = 60;
/** WeChat answers within 30 minutes; a photo still unanswered after this goes to the office. */
export const VERDICT_WAIT_MILLISECONDS = 60 * 60 * 1000;

const SCENES: Record<ImagePurpose, ContentScene> = {
  product: 'forum',
  activity_cover: 'forum',
  activity_evidence: 'social',
  storefront: 'profile',
  fund_receipt: 'social',
};

const VISIBLE: readonly ImageStatus[] = ['passed', 'released'];
const PENDING: readonly ImageStatus[] = ['checking', 'under_review'];
const GONE: readonly ImageStatus[] = ['rejected', 'removed'];

/**
 * Where the client `PUT`s the file, as it uploaded it (its presigned URL works 15 minutes): the server
 * reads it from there once and writes the proved bytes under `originalKey`, which no upload URL names.
 * A file put again with the same URL after completion is never shown, nor sent to WeChat in place of
 * the one checked. The upload itself is kept until the photo goes (deleting it at once lost browser
 * uploads on the local S3 server: kept, it costs a second copy of each photo).
 */
export const uploadKey = (image: Pick<StoredImage, 'communityId' | 'id'>) =>
  `images/${image.communityId}/${image.id}/original`;
/** The full-size photo as proved: what pages and WeChat's check read. */
export const originalKey = (image: Pick<StoredImage, 'communityId' | 'id'>) =>
  `images/${image.communityId}/${image.id}/photo`;
export const thumbnailKey = (image: Pick<StoredImage, 'communityId' | 'id'>) =>
  `images/${image.communityId}/${image.id}/thumb.jpg`;

const notFound = () => new AppError('image.not_found', 'No such photo in this community');
const gone = () => new AppError('image.gone', 'This photo was taken down and can no longer be used');

/** `POST …/images`: a photo record awaiting its file, and the one URL its file may be `PUT` to. */
export async function requestImageUpload(
  input: { communityId: string; userId: string; request: ImageUploadRequest; now?: Date },
  deps: Pick<MediaDependencies, 'images' | 'storage'>,
): Promise<ImageUpload> {
  const now = input.now ?? new Date();
  const image: StoredImage = {
    id: `img_${newId(now.getTime())}`,
    communityId: input.communityId,
    purpose: input.request.purpose,
    contentType: input.request.contentType,
    declaredBytes: input.request.bytes,
    uploadedBy: input.userId,
    status: 'awaiting_upload',
    createdAt: now.toISOString(),
  };
  if (!(await deps.images.createImage(image, MAX_UPLOADS_PER_HOUR)))
    throw new AppError(
      'image.too_many_pending',
      `At most ${MAX_UPLOADS_PER_HOUR} photos can be uploaded in an hour; please try again later`,
    );
  const headers = { 'Content-Type': image.contentType };
  const uploadUrl = await deps.storage.uploadUrl(
    uploadKey(image),
    image.contentType,
    image.declaredBytes,
    UPLOAD_URL_SECONDS,
    now,
  );
  return {
    id: image.id,
    uploadUrl,
    method: 'PUT',
    headers,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

/** Waits (up to 20 s) for another request's completion of the photo to settle: the photo as it is then. */
async function settledImage(image: StoredImage, images: ImageStore): Promise<StoredImage | null> {
  for (let waited = 0; ; waited += 250) {
    const current = await images.getImage(image.communityId, image.id);
    if (!current || current.status !== 'awaiting_upload' || !current.completingUntil || waited >= 20_000)
      return current;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Why a completion found its file gone: the photo was taken down (`image.gone`), or it is not there (yet). */
async function settledRefusal(image: StoredImage, deps: Pick<MediaDependencies, 'images'>): Promise<AppError> {
  const current = await deps.images.getImage(image.communityId, image.id);
  if (!current || GONE.includes(current.status)) return gone();
  return new AppError('image.not_uploaded', 'Nothing was uploaded for this photo yet');
}

/** The uploaded bytes, proved: the refusal to throw (after deleting them), or the bytes, their dimensions and thumbnail. */
async function proveUpload(image: StoredImage, deps: MediaDependencies) {
  const key = uploadKey(image);
  // The client completes as soon as storage answered its PUT: give a file still being written a moment.
  let head = await deps.storage.head(key);
  for (let tries = 0; !head && tries < 4; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    head = await deps.storage.head(key);
  }
  if (!head) throw new AppError('image.not_uploaded', 'Nothing was uploaded for this photo yet');
  const refuse = async (error: AppError) => {
    await deps.storage.remove([key]);
    return error;
  };
  if (head.bytes > MAX_IMAGE_BYTES || head.bytes > image.declaredBytes)
    throw await refuse(new AppError('image.too_large', 'A photo may be at most 5 MB'));
  const bytes = await deps.storage.get(key);
  // Gone between the two reads: staff removed the photo, or another completion took the file.
  if (!bytes) throw await settledRefusal(image, deps);
  const type = deps.processor.sniff(bytes);
  if (type !== image.contentType)
    throw await refuse(new AppError('image.wrong_type', 'Only JPEG, PNG and WebP photos can be used, as declared'));
  const dimensions = deps.processor.dimensions(bytes);
  if (typeof dimensions === 'string')
    throw await refuse(new AppError('image.unreadable', 'This photo cannot be read (or is larger than 50 megapixels)'));
  try {
    return { bytes, ...(await deps.processor.thumbnail(bytes, type)) };
  } catch {
    throw await refuse(new AppError('image.unreadable', 'This photo cannot be read'));
  }
}

/**
 * `POST …/images/{id}/complete` by its uploader: proves the file, stores the thumbnail and asks
 * WeChat's check (`checking`), or puts it in the office's queue if WeChat cannot be asked
 * (`under_review`). Repeated: the photo as it is. Refusals delete the file; the upload may be retried
 * with a new URL.
 */
export async function completeImageUpload(
  input: { communityId: string; userId: string; imageId: string; now?: Date },
  deps: MediaDependencies,
): Promise<ImageView> {
  const now = input.now ?? new Date();
  const image = await deps.images.getImage(input.communityId, input.imageId);
  if (!image || image.uploadedBy !== input.userId) throw notFound();
  if (GONE.includes(image.status)) throw gone();
  if (image.status !== 'awaiting_upload')
    return (await viewsOf([image], { userId: input.userId }, deps.storage, now))[0]!;
  if (!(await deps.images.claimCompletion(image, now, COMPLETION_SECONDS))) {
    // Another request is completing it (a double tap, a retry): its outcome is this one's too.
    const current = await settledImage(image, deps.images);
    if (!current || GONE.includes(current.status)) throw gone();
    if (current.status !== 'awaiting_upload')
      return (await viewsOf([current], { userId: input.userId }, deps.storage, now))[0]!;
    throw new AppError('image.completing', 'This photo is being completed; please try again in a moment');
  }
  const { bytes, thumbnail, width, height } = await proveUpload(image, deps).catch(async (error: unknown) => {
    await deps.images.releaseCompletion(image);
    throw error;
  });
  await Promise.all([
    deps.storage.put(originalKey(image), bytes, image.contentType),
    deps.storage.put(thumbnailKey(image), thumbnail, 'image/jpeg'),
  ]);
  const verdict = await deps.checker.ask({
    userId: image.uploadedBy,
    scene: SCENES[image.purpose],
    mediaUrl: await deps.storage.readUrl(originalKey(image), now),
  });
  if (verdict !== 'unavailable') await deps.images.saveTrace(verdict.traceId, image.communityId, image.id);
  const changes: Partial<StoredImage> & { status: ImageStatus } =
    verdict === 'unavailable'
      ? { status: 'under_review', width, height, heldBecause: 'unavailable', checkedAt: now.toISOString() }
      : {
          status: 'checking',
          width,
          height,
          traceId: verdict.traceId,
          checkBy: new Date(now.getTime() + VERDICT_WAIT_MILLISECONDS).toISOString(),
        };
  const moved = await deps.images.transition(image, ['awaiting_upload'], changes);
  const current = moved ?? (await deps.images.getImage(image.communityId, image.id));
  if (!current || GONE.includes(current.status)) {
    // Taken down while it was being proved: the files written meanwhile go too.
    await deps.storage.remove([uploadKey(image), originalKey(image), thumbnailKey(image)]);
    throw gone();
  }
  return (await viewsOf([current], { userId: input.userId }, deps.storage, now))[0]!;
}

/**
 * WeChat's verdict on a check (`wxa_media_check`): `pass` shows the photo, `review` (or a check that
 * failed at WeChat) puts it in the office's queue, `risky` deletes it. Only a photo still waiting for
 * it moves — `checking`, or in the office's queue only because the verdict was late and not decided
 * there since: a repeat, a verdict after the office decided, or an unknown trace change nothing.
 *
 * @returns what happened, for the log
 */
export async function applyMediaVerdict(
  input: { traceId: string; suggest: string | undefined; failed: boolean; now?: Date },
  deps: Pick<MediaDependencies, 'images' | 'storage'>,
): Promise<'passed' | 'under_review' | 'rejected' | 'ignored'> {
  const now = (input.now ?? new Date()).toISOString();
  const trace = await deps.images.findTrace(input.traceId);
  if (!trace) return 'ignored';
  const image = await deps.images.getImage(trace.communityId, trace.imageId);
  if (!image || image.traceId !== input.traceId) return 'ignored';
  // Still waiting for it — or put in the office's queue only because it was late, and not decided since.
  const awaited =
    image.status === 'checking' || (image.status === 'under_review' && image.heldBecause === 'unavailable');
  if (!awaited) return 'ignored';
  const status: ImageStatus =
    input.failed || (input.suggest !== 'pass' && input.suggest !== 'risky')
      ? 'under_review'
      : input.suggest === 'pass'
        ? 'passed'
        : 'rejected';
  if (status === 'under_review' && image.status === 'under_review' && input.failed) return 'ignored';
  const moved = await deps.images.transition(image, [image.status], {
    status,
    checkedAt: now,
    ...(status === 'under_review' ? { heldBecause: input.failed ? 'unavailable' : 'review' } : {}),
  });
  if (!moved) return 'ignored';
  if (status === 'rejected') await deps.storage.remove([uploadKey(image), originalKey(image), thumbnailKey(image)]);
  return status;
}

/** The job: photos whose verdict is overdue go to the office's queue (never shown unchecked, never lost). */
export async function holdOverdueChecks(
  input: { now?: Date; limit?: number },
  images: ImageStore,
): Promise<{ held: number }> {
  const now = (input.now ?? new Date()).toISOString();
  let held = 0;
  for (const image of await images.listOverdueChecks(now, input.limit ?? 200)) {
    const moved = await images.transition(image, ['checking'], {
      status: 'under_review',
      heldBecause: 'unavailable',
      checkedAt: now,
    });
    if (moved) held += 1;
  }
  return { held };
}

/** Staff release a photo from their queue (not one they uploaded: 403 `auth.conflict_of_interest`): it shows from now on. */
export async function releaseImage(
  input: { communityId: string; imageId: string; actorId: string; now?: Date },
  deps: Pick<MediaDependencies, 'images' | 'storage'>,
): Promise<ImageView> {
  const now = input.now ?? new Date();
  const image = await deps.images.getImage(input.communityId, input.imageId);
  if (!image) throw notFound();
  refuseOwnInterest(input.actorId, [image.uploadedBy], 'A photo you uploaded is released by another staff member');
  const moved = await deps.images.transition(
    image,
    ['under_review'],
    { status: 'released', decidedBy: input.actorId, decidedAt: now.toISOString() },
    { audit: audit(image, 'image.release', 'released', input.actorId) },
  );
  if (!moved) throw new AppError('image.not_held', 'This photo is not waiting for review');
  return (await viewsOf([moved], { userId: input.actorId, isStaff: true }, deps.storage, now))[0]!;
}

/** Staff take a photo down, whatever state it is in but gone: its files are deleted; it shows nowhere. */
export async function removeImage(
  input: { communityId: string; imageId: string; actorId: string; reason: string; now?: Date },
  deps: Pick<MediaDependencies, 'images' | 'storage'>,
): Promise<{ id: string; status: 'removed' }> {
  const image = await deps.images.getImage(input.communityId, input.imageId);
  if (!image) throw notFound();
  const from: ImageStatus[] = ['awaiting_upload', ...PENDING, ...VISIBLE];
  const moved = await deps.images.transition(
    image,
    from,
    {
      status: 'removed',
      decidedBy: input.actorId,
      decidedAt: (input.now ?? new Date()).toISOString(),
      reason: input.reason,
    },
    { audit: audit(image, 'image.remove', 'removed', input.actorId, input.reason) },
  );
  if (!moved) throw new AppError('image.not_held', 'This photo is already gone');
  await deps.storage.remove([uploadKey(image), originalKey(image), thumbnailKey(image)]);
  return { id: image.id, status: 'removed' };
}

function audit(
  image: StoredImage,
  action: 'image.release' | 'image.remove',
  status: ImageStatus,
  actorId: string,
  reason?: string,
) {
  return {
    communityId: image.communityId,
    action,
    objectType: 'image',
    objectId: image.id,
    before: { status: image.status, purpose: image.purpose, uploadedBy: image.uploadedBy },
    after: { status, ...(reason ? { reason } : {}) },
    actorId,
  };
}

/**
 * Photos to attach to something of `purpose` by `userId` (a product, an activity's cover, …): each
 * must be theirs, for that purpose, uploaded and not taken down. Duplicates are dropped, order kept.
 *
 * @throws 404 `image.not_found`, 403 `image.not_yours`, 422 `image.wrong_purpose`, 409 `image.not_uploaded` / `image.gone`
 */
export async function attachableImages(
  input: { communityId: string; userId: string; purpose: ImagePurpose; imageIds: readonly string[] },
  images: ImageStore,
): Promise<string[]> {
  const ids = [...new Set(input.imageIds)];
  if (ids.length === 0) return [];
  const found = await images.getImages(input.communityId, ids);
  for (const id of ids) {
    const image = found.get(id);
    if (!image) throw notFound();
    if (image.uploadedBy !== input.userId)
      throw new AppError('image.not_yours', 'Only photos you uploaded yourself can be used here');
    if (image.purpose !== input.purpose)
      throw new AppError('image.wrong_purpose', `This photo was uploaded for another use (${image.purpose})`);
    if (image.status === 'awaiting_upload')
      throw new AppError('image.not_uploaded', 'This photo has not finished uploading');
    if (GONE.includes(image.status)) throw gone();
  }
  return ids;
}

/** One photo to attach, or none (`imageId` absent or null): {@link attachableImages} for a single id. */
export async function attachableImage(
  input: { communityId: string; userId: string; purpose: ImagePurpose; imageId: string | null | undefined },
  images: ImageStore,
): Promise<string | undefined> {
  const [id] = await attachableImages({ ...input, imageIds: input.imageId ? [input.imageId] : [] }, images);
  return id;
}

/** Who is looking: the uploader and staff also see photos still being checked. */
export interface ImageReader {
  userId?: string;
  isStaff?: boolean;
}

async function viewsOf(images: StoredImage[], reader: ImageReader, storage: ObjectStorage, now: Date) {
  return Promise.all(
    images.map(async (image): Promise<ImageView> => {
      const [url, thumbUrl] = await Promise.all([
        storage.readUrl(originalKey(image), now),
        storage.readUrl(thumbnailKey(image), now),
      ]);
      const shownToAll = VISIBLE.includes(image.status);
      return {
        id: image.id,
        url,
        thumbUrl,
        width: image.width ?? 0,
        height: image.height ?? 0,
        ...(shownToAll || !(reader.isStaff || reader.userId === image.uploadedBy) ? {} : { status: image.status }),
      };
    }),
  );
}

/** Whether `reader` may see `image` now: everyone once passed or released; its uploader and staff while it is checked. */
const canSee = (image: StoredImage, reader: ImageReader) =>
  VISIBLE.includes(image.status) ||
  (PENDING.includes(image.status) && (reader.isStaff === true || reader.userId === image.uploadedBy));

/**
 * The views of photos attached to things (`idsOf` each thing's ids, in order), as `reader` may see
 * them: one read of the table for all of them (chunks of 100), signed URLs, hidden ones left out.
 *
 * @returns a function from a thing's ids to their views
 */
export async function resolveImages(
  input: { communityId: string; idLists: (readonly string[] | undefined)[]; reader: ImageReader; now?: Date },
  deps: Pick<MediaDependencies, 'images' | 'storage'>,
): Promise<(ids: readonly string[] | undefined) => ImageView[]> {
  const now = input.now ?? new Date();
  const ids = [...new Set(input.idLists.flatMap((list) => list ?? []))];
  const found = new Map<string, StoredImage>();
  for (let start = 0; start < ids.length; start += 100) {
    const chunk = await deps.images.getImages(input.communityId, ids.slice(start, start + 100));
    for (const [id, image] of chunk) found.set(id, image);
  }
  const visible = [...found.values()].filter((image) => canSee(image, input.reader));
  const views = new Map((await viewsOf(visible, input.reader, deps.storage, now)).map((view) => [view.id, view]));
  return (list) => (list ?? []).flatMap((id) => (views.has(id) ? [views.get(id)!] : []));
}

/** The office's review queue, each photo with its uploader and why it is held. */
export async function listImageReviews(
  input: { communityId: string; actorId: string; cursor?: string; limit?: number; now?: Date },
  deps: Pick<MediaDependencies, 'images' | 'storage'>,
): Promise<{ items: ImageReview[]; nextCursor: string | null }> {
  const now = input.now ?? new Date();
  const page = await deps.images.listHeld(input.communityId, input.cursor, input.limit ?? 20);
  const views = await viewsOf(page.items, { userId: input.actorId, isStaff: true }, deps.storage, now);
  return {
    items: page.items.map((image, index) => ({
      ...views[index]!,
      communityId: image.communityId,
      purpose: image.purpose,
      uploadedBy: image.uploadedBy,
      createdAt: image.createdAt,
      heldBecause: image.heldBecause ?? 'review',
    })),
    nextCursor: page.nextCursor,
  };
}
