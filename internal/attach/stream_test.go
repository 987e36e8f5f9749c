package attach

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/testutil"
)

// videoStream is a deterministic fake video of n bytes: an MP4 header, then
// blocks that differ by their counter, so no two runs' sizes share a hash.
type videoStream struct {
	n, off int64
	block  [4096]byte
}

func newVideo(n int64) *videoStream {
	v := &videoStream{n: n}
	copy(v.block[:], "\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2")
	return v
}

func (v *videoStream) Read(p []byte) (int, error) {
	if v.off >= v.n {
		return 0, io.EOF
	}
	written := 0
	for len(p) > 0 && v.off < v.n {
		i := v.off % int64(len(v.block))
		if i == 0 && v.off > 0 {
			binary.LittleEndian.PutUint64(v.block[:8], uint64(v.off))
		}
		n := copy(p, v.block[i:min(int64(len(v.block)), i+v.n-v.off)])
		p, written, v.off = p[n:], written+n, v.off+int64(n)
	}
	return written, nil
}

// heapPeak samples the live heap while fn runs and returns the highest
// figure above the heap before it.
func heapPeak(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			runtime.Gosched()
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	return peak - base
}

// bigSize is 300 MB in a normal run; JIAOYAN_ATTACH_BIG_MB=2048 runs the
// 2 GB case of the issue.
func bigSize(t testing.TB) int64 {
	if v := os.Getenv("JIAOYAN_ATTACH_BIG_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("JIAOYAN_ATTACH_BIG_MB: %v", err)
		}
		return int64(n) << 20
	}
	if testing.Short() {
		return 32 << 20
	}
	return 300 << 20
}

var kindLesson = Kind{Code: "lesson", Name: "课堂录像", MaxSize: 4 << 30, Types: Video}

// TestStorageStreamsALargeVideo uploads a large video through each backend
// that takes it and checks the server's heap stays under 100 MB and the
// bytes read back with the same SHA-256; the database backend refuses it
// as soon as it passes its cap, without reading the rest.
func TestStorageStreamsALargeVideo(t *testing.T) {
	size := bigSize(t)
	eachBackend(t, func(t *testing.T, s *Service) {
		src := newVideo(size)
		var a Attachment
		var err error
		peak := heapPeak(func() { a, err = add(t, s, visit, kindLesson, "公开课录像.mp4", src) })
		if s.Store.Name() == "db" {
			if app.ErrorCode(err) != app.ETOOLARGE || src.off > dbLimit+sniffLen+64<<10 {
				t.Fatalf("db backend: %v after reading %d bytes, want refused near %d", err, src.off, dbLimit)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d MB streamed, peak heap +%.1f MB", s.Store.Name(), size>>20, float64(peak)/(1<<20))
		if peak > 100<<20 {
			t.Errorf("peak heap grew %d MB during a %d MB upload, want < 100 MB", peak>>20, size>>20)
		}
		if a.Size != size || a.FileType != "mp4" {
			t.Fatalf("stored %d bytes as %s", a.Size, a.FileType)
		}
		h := sha256.New()
		r, err := s.Open(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if n, err := io.Copy(h, r); err != nil || n != size || hex.EncodeToString(h.Sum(nil)) != a.SHA256 {
			t.Fatalf("read back %d bytes (%v), hash match %v", n, err, hex.EncodeToString(h.Sum(nil)) == a.SHA256)
		}
	})
}

// BenchmarkStream2GB streams a 2 GB video to the directory backend (and
// S3 when JIAOYAN_TEST_S3 is set) and reports the peak heap.
func BenchmarkStream2GB(b *testing.B) {
	for _, be := range backends[1:] {
		b.Run(be.name, func(b *testing.B) {
			b.SetBytes(2 << 30)
			for i := 0; i < b.N; i++ {
				d := testutil.OpenTestDB(b)
				s := New(d, be.open(b, d))
				var err error
				peak := heapPeak(func() { _, err = addTB(b, s, kindLesson, "录像.mp4", newVideo(2<<30)) })
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			}
		})
	}
}
