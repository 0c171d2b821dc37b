package demoprovider

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// serveInProcess runs h for r and returns its answer as a client would
// get it. It stands in for net/http/httptest's recorder, which production
// code does not import (it pulls in the flag package and a test server).
func serveInProcess(h http.HandlerFunc, r *http.Request) *http.Response {
	rec := &recorder{header: http.Header{}}
	if r.Body == nil {
		r.Body = http.NoBody
	}
	r.Body = http.MaxBytesReader(rec, r.Body, 64<<10)
	h(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return &http.Response{
		Status: strconv.Itoa(rec.status) + " " + http.StatusText(rec.status), StatusCode: rec.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: rec.header, Body: io.NopCloser(&rec.body), ContentLength: int64(rec.body.Len()), Request: r,
	}
}

// recorder is the least of an http.ResponseWriter that keeps the answer.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *recorder) Header() http.Header { return w.header }
func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *recorder) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}
