/**
 * The S3 backend of the artifact store: {@link dev.modelsweep.activities.store.s3.S3BlobStore}
 * over the AWS SDK for Java v2, configured from the standard AWS environment by {@link
 * dev.modelsweep.activities.store.s3.S3Connection}.
 */
package dev.modelsweep.activities.store.s3;
