package attach

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"jiaoyan/internal/db"
)

// S3Options are the settings of an S3-compatible bucket (MinIO, Ceph RGW,
// the cloud object stores).
type S3Options struct {
	Endpoint  string // host:port, no scheme
	Bucket    string
	AccessKey string
	SecretKey string
	UseSSL    bool
	Region    string
	PartSize  uint64 // multipart part size; memory per upload is one part
}

// S3Storage keeps blobs in an S3-compatible bucket under random keys
// (blobs/<yyyy>/<mm>/<random>): an object is uploaded as it streams in, so
// its SHA-256 is not known when its key is chosen.
type S3Storage struct {
	client *minio.Client
	bucket string
	part   uint64
}

// DefaultPartSize keeps one upload's buffer at 16 MiB (objects up to 160 GB).
const DefaultPartSize = 16 << 20

// NewS3Storage connects to the bucket, creating it if it is missing.
func NewS3Storage(ctx context.Context, o S3Options) (*S3Storage, error) {
	c, err := minio.New(o.Endpoint, &minio.Options{
		Creds: credentials.NewStaticV4(o.AccessKey, o.SecretKey, ""), Secure: o.UseSSL, Region: o.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("对象存储地址 %s 无效: %w", o.Endpoint, err)
	}
	ok, err := c.BucketExists(ctx, o.Bucket)
	if err != nil {
		return nil, fmt.Errorf("连接对象存储 %s 失败: %w", o.Endpoint, err)
	}
	if !ok {
		if err := c.MakeBucket(ctx, o.Bucket, minio.MakeBucketOptions{Region: o.Region}); err != nil {
			return nil, fmt.Errorf("创建存储桶 %s 失败: %w", o.Bucket, err)
		}
	}
	part := o.PartSize
	if part == 0 {
		part = DefaultPartSize
	}
	return &S3Storage{client: c, bucket: o.Bucket, part: part}, nil
}

// Name implements Storage.
func (s *S3Storage) Name() string { return "s3" }

// Limit implements Storage.
func (s *S3Storage) Limit() int64 { return 0 }

// NewWriter starts a streaming multipart upload (size unknown): one part is
// buffered at a time.
func (s *S3Storage) NewWriter(ctx context.Context) (Writer, error) {
	b := make([]byte, 12)
	rand.Read(b)
	key := time.Now().UTC().Format("blobs/2006/01/") + hex.EncodeToString(b)
	pr, pw := io.Pipe()
	w := &s3Writer{PipeWriter: pw, s: s, key: key, done: make(chan error, 1)}
	go func() {
		_, err := s.client.PutObject(ctx, s.bucket, key, pr, -1, minio.PutObjectOptions{
			PartSize: s.part, ContentType: "application/octet-stream",
			// Unsigned payload with a per-part Content-MD5 instead of the
			// aws-chunked streaming signature, which servers such as s3rver
			// store verbatim instead of decoding; over TLS it is the default.
			DisableContentSha256: true, SendContentMd5: true,
		})
		pr.CloseWithError(err)
		w.done <- err
	}()
	return w, nil
}

type s3Writer struct {
	*io.PipeWriter
	s        *S3Storage
	key      string
	done     chan error
	finished bool
}

func (w *s3Writer) Finish(ctx context.Context, sum string) (string, error) {
	w.PipeWriter.Close()
	w.finished = true
	if err := <-w.done; err != nil {
		return "", fmt.Errorf("上传到对象存储失败: %w", err)
	}
	return w.key, nil
}

func (w *s3Writer) Commit(ctx context.Context, tx *db.Tx) error { return nil }

func (w *s3Writer) Abort(ctx context.Context) {
	if !w.finished {
		w.PipeWriter.CloseWithError(fmt.Errorf("attach: upload aborted"))
		<-w.done
		w.finished = true
	}
	w.s.Delete(ctx, w.key)
}

// Open implements Storage; the object seeks with ranged GETs.
func (s *S3Storage) Open(ctx context.Context, key string, size int64) (io.ReadSeekCloser, error) {
	return s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
}

// Delete implements Storage.
func (s *S3Storage) Delete(ctx context.Context, key string) error {
	return s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
}

// Walk implements Storage.
func (s *S3Storage) Walk(ctx context.Context, fn func(string, time.Time) error) error {
	for o := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: "blobs/", Recursive: true}) {
		if o.Err != nil {
			return o.Err
		}
		if err := fn(o.Key, o.LastModified); err != nil {
			return err
		}
	}
	return nil
}
