import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, positiveInt } from './common';

/**
 * Photos (issue 19, item 4): uploaded by the client straight to object storage with a presigned
 * URL (S3 in production, a local S3-compatible server on the dev stage), never through a Lambda
 * body; checked, thumbnailed and passed through WeChat's image check (`mediaCheckAsync`) before
 * anyone but their uploader and the office sees them.
 */
export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

/** 5 MiB: the largest photo accepted (WeChat's image check itself takes at most 10 MB). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** A thumbnail's longer side, in pixels. */
export const THUMBNAIL_SIDE = 360;

/** Products carry at most this many photos. */
export const MAX_PRODUCT_IMAGES = 6;
/** An activity's evidence photos (staff attach them after the event): at most. */
export const MAX_EVIDENCE_IMAGES = 9;

/**
 * What a photo is for — decided when its upload is asked for, and checked when it is attached:
 * a product's photo goes on a product of its uploader's, a receipt on a fund expense, …
 */
export const IMAGE_PURPOSES = ['product', 'activity_cover', 'activity_evidence', 'storefront', 'fund_receipt'] as const;
export type ImagePurpose = (typeof IMAGE_PURPOSES)[number];

/**
 * - `awaiting_upload`: the upload URL was handed out; nothing is stored yet.
 * - `checking`: stored and thumbnailed; WeChat's verdict has not arrived. Only the uploader and staff see it.
 * - `passed`: WeChat found nothing; everyone who can see what it is attached to sees it.
 * - `under_review`: WeChat asked for a person's review, or could not be reached: in the office's queue.
 * - `released`: staff reviewed it and let it show.
 * - `rejected`: WeChat found it risky; the files are deleted.
 * - `removed`: staff took it down; the files are deleted.
 */
export const IMAGE_STATUSES = [
  'awaiting_upload',
  'checking',
  'passed',
  'under_review',
  'released',
  'rejected',
  'removed',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const ImageUploadRequest = z.strictObject({
  purpose: z.enum(IMAGE_PURPOSES),
  contentType: z.enum(IMAGE_CONTENT_TYPES),
  /** The file's exact size in bytes (signed into the upload URL: another size is refused by storage). */
  bytes: positiveInt(MAX_IMAGE_BYTES),
});
export type ImageUploadRequest = z.infer<typeof ImageUploadRequest>;

/** `POST …/images` → where and how to upload: one `PUT` of the file's bytes with exactly these headers. */
export interface ImageUpload {
  id: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  /** ISO time the URL stops working (15 minutes). */
  expiresAt: string;
}

/**
 * A photo as the pages show it: the thumbnail in lists (lazy-loaded), the full image on tap.
 * URLs are signed and short-lived (hours): fetch them fresh with the object they belong to.
 */
export interface ImageView {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  /** Only for its uploader and staff, while others cannot see it yet (`checking`, `under_review`). */
  status?: ImageStatus;
}

/** A photo in the office's review queue. */
export interface ImageReview extends ImageView {
  communityId: string;
  purpose: ImagePurpose;
  uploadedBy: string;
  /** The uploader's name in this community (as the member list shows it). */
  uploaderName?: string;
  createdAt: string;
  /** Why it is held: WeChat asked for a review, or could not be reached. */
  heldBecause: 'review' | 'unavailable';
}

export const ImagePath = z.strictObject({ cid: CommunityId, imageId: EntityId });

export const RemoveImageRequest = z.strictObject({ reason: humanText(200) });
export type RemoveImageRequest = z.infer<typeof RemoveImageRequest>;

/** An image id handed out by `POST …/images`. */
export const ImageId = z.string().check(z.regex(/^img_[A-Za-z0-9_-]{1,60}$/, 'must be an image id'));

export const ImageIds = (max: number) => z.array(ImageId).check(z.maxLength(max));

export const EvidenceRequest = z.strictObject({ imageIds: ImageIds(MAX_EVIDENCE_IMAGES) });
export type EvidenceRequest = z.infer<typeof EvidenceRequest>;

/** A merchant's storefront photo; `null` takes it off. */
export const StorefrontRequest = z.strictObject({ imageId: z.nullable(ImageId) });
export type StorefrontRequest = z.infer<typeof StorefrontRequest>;

/**
 * WeChat's message push (消息推送, JSON) as sent for `wxa_media_check` — the verdict of a
 * `mediaCheckAsync`: `result.suggest` is `pass`, `review` or `risky`. Other events are acknowledged
 * and ignored. The query carries `signature`, `timestamp`, `nonce` (SHA-1 of the sorted token, timestamp
 * and nonce).
 */
export const WechatPushQuery = z.strictObject({
  signature: z.string().check(z.regex(/^[0-9a-f]{40}$/)),
  timestamp: z.string().check(z.regex(/^\d{1,12}$/)),
  nonce: z.string().check(z.regex(/^[A-Za-z0-9]{1,64}$/)),
  echostr: z.optional(z.string().check(z.maxLength(200))),
  /** WeChat may add these (the user's openid; the security mode's fields, unused in plaintext mode). */
  openid: z.optional(z.string().check(z.maxLength(128))),
  encrypt_type: z.optional(z.string().check(z.maxLength(16))),
  msg_signature: z.optional(z.string().check(z.maxLength(64))),
});
export type WechatPushQuery = z.infer<typeof WechatPushQuery>;
