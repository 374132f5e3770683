/**
 * The photos' bucket (issue 19): private (every read is a presigned URL the API hands out), files
 * `PUT` straight from the app with presigned URLs (CORS for the H5 app's origins) under `uploads/`,
 * encrypted at rest. Completing an upload copies the proved file to `images/`; whatever stays under
 * `uploads/` (an upload never completed, a file put again after completion) is deleted after a day.
 */
export function imagesBucket(bucketName: string, corsOrigin: string) {
  return {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketName: bucketName,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedOrigins: [corsOrigin],
            AllowedMethods: ['PUT', 'GET', 'HEAD'],
            AllowedHeaders: ['content-type'],
            MaxAge: 3000,
          },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          { Id: 'uploads-expire', Status: 'Enabled', Prefix: 'uploads/', ExpirationInDays: 1 },
          { Id: 'abandoned-multipart', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
        ],
      },
    },
  };
}
