import { areaHandler, type AreaRoutes } from '../area';

/**
 * The media area's Lambda function: photos' uploads, their proof and thumbnails, WeChat's image
 * check and its verdicts (message push), the office's review. Its own function because decoding and
 * resizing images (jimp, libwebp in WebAssembly) is heavy; see `../area.ts`.
 */
export const routes = {
  requestImageUpload: () => import('./request-image-upload'),
  completeImageUpload: () => import('./complete-image-upload'),
  listImageReviews: () => import('./list-image-reviews'),
  releaseImage: () => import('./release-image'),
  removeImage: () => import('./remove-image'),
  verifyWechatPush: () => import('./verify-wechat-push'),
  wechatPush: () => import('./wechat-push'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
