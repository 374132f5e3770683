import type { ImageContentType, ImagePurpose, ImageStatus, Page } from '@linli/shared';
import type { AuditDraft } from '../effects';
import type { ContentScene } from '../office/content-screening';

/** A photo as the table keeps it (pattern 71). Its files: `{key}/original` and `{key}/thumb.jpg`. */
export interface StoredImage {
  id: string;
  communityId: string;
  purpose: ImagePurpose;
  /** The type the upload declared (and its bytes proved at completion). */
  contentType: ImageContentType;
  /** The size the upload URL was signed for. */
  declaredBytes: number;
  uploadedBy: string;
  status: ImageStatus;
  createdAt: string;
  width?: number;
  height?: number;
  /** WeChat's check: its trace id, and when a verdict is overdue (then the office reviews it). */
  traceId?: string;
  checkBy?: string;
  heldBecause?: 'review' | 'unavailable';
  /** While one request completes the upload (ISO time it gives up). */
  completingUntil?: string;
  checkedAt?: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

export interface ImageStore {
  /**
   * Writes a new photo record, counting it against its uploader's uploads of the hour (in the same
   * transaction): false — nothing written — when they have asked for `maxPerHour` already.
   */
  createImage(image: StoredImage, maxPerHour: number): Promise<boolean>;
  getImage(communityId: string, imageId: string): Promise<StoredImage | null>;
  /** Up to 100 photos of one community in one read; unknown ids are absent from the map. */
  getImages(communityId: string, imageIds: readonly string[]): Promise<Map<string, StoredImage>>;
  /**
   * Moves a photo on, only from one of `from` (null: it was in none of them — someone else moved it
   * first); `held` puts it in (true) or takes it out of (false) the office's queue, `checking` in or
   * out of the overdue-verdict index; the audit entry, if any, in the same transaction.
   */
  transition(
    image: StoredImage,
    from: readonly ImageStatus[],
    changes: Partial<StoredImage> & { status: ImageStatus },
    options?: { audit?: AuditDraft },
  ): Promise<StoredImage | null>;
  /**
   * Takes the completion of an upload for one caller for `seconds` (two completions at once would
   * ask WeChat twice): false when another holds it, or the photo is no longer awaiting its file.
   */
  claimCompletion(image: StoredImage, now: Date, seconds: number): Promise<boolean>;
  /** Gives a claimed completion back (the upload was refused: it may be put again and completed). */
  releaseCompletion(image: StoredImage): Promise<void>;
  /** Remembers which photo a WeChat check (its trace id) is about. */
  saveTrace(traceId: string, communityId: string, imageId: string): Promise<void>;
  findTrace(traceId: string): Promise<{ communityId: string; imageId: string } | null>;
  /** The office's queue, oldest first. */
  listHeld(communityId: string, cursor: string | undefined, limit: number): Promise<Page<StoredImage>>;
  /** Photos whose WeChat verdict was due before `before` (every community), at most `limit`. */
  listOverdueChecks(before: string, limit: number): Promise<StoredImage[]>;
}

/** Object storage (S3): the photos' files. */
export interface ObjectStorage {
  /** A URL to `PUT` exactly `bytes` bytes of `contentType` to `key`, for `expiresInSeconds`. */
  uploadUrl(key: string, contentType: string, bytes: number, expiresInSeconds: number, now: Date): Promise<string>;
  /** A URL to `GET` `key`, good for at least an hour from `now`. */
  readUrl(key: string, now: Date): Promise<string>;
  head(key: string): Promise<{ bytes: number; contentType: string } | null>;
  /** The object's bytes, or null when there is none (deleted meanwhile). */
  get(key: string): Promise<Buffer | null>;
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** WeChat's image check (mediaCheckAsync): a trace id whose verdict arrives later, or `unavailable`. */
export interface MediaChecker {
  ask(input: { userId: string; scene: ContentScene; mediaUrl: string }): Promise<{ traceId: string } | 'unavailable'>;
}

/** What the bytes are and their thumbnail (functions/src/images). */
export interface ImageProcessor {
  sniff(bytes: Uint8Array): ImageContentType | null;
  dimensions(bytes: Uint8Array): { width: number; height: number } | 'unreadable' | 'too_many_pixels';
  thumbnail(bytes: Buffer, type: ImageContentType): Promise<{ thumbnail: Buffer; width: number; height: number }>;
}

export interface MediaDependencies {
  images: ImageStore;
  storage: ObjectStorage;
  checker: MediaChecker;
  processor: ImageProcessor;
}
