// Command s3server is the S3-compatible server the Pitrix dev stack and tests use for s3://
// repositories: gofakes3's S3 protocol implementation behind a SigV4 check, so a wrong access
// key or secret is refused exactly as S3 refuses it.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3bolt"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (port 0 picks a free one)")
	accessKey := flag.String("access-key", "", "the one access key id accepted")
	secretFile := flag.String("secret-file", "", "file holding the secret access key")
	dataFile := flag.String("data", "", "bolt database file; empty keeps objects in memory")
	bucket := flag.String("bucket", "", "bucket created at start when missing")
	portFile := flag.String("port-file", "", "file the chosen port is written to once listening")
	flag.Parse()

	secret, err := os.ReadFile(*secretFile)
	if err != nil || *accessKey == "" {
		log.Fatalf("s3server: -access-key and a readable -secret-file are required")
	}
	backend := gofakes3.Backend(s3mem.New())
	if *dataFile != "" {
		bolt, err := s3bolt.NewFile(*dataFile)
		if err != nil {
			log.Fatalf("s3server: cannot open %s: %v", *dataFile, err)
		}
		backend = bolt
	}
	faker := gofakes3.New(backend, gofakes3.WithAutoBucket(false), gofakes3.WithLogger(gofakes3.DiscardLog()))
	if *bucket != "" {
		if err := backend.CreateBucket(*bucket); err != nil && !gofakes3.HasErrorCode(err, gofakes3.ErrBucketAlreadyExists) {
			log.Fatalf("s3server: cannot create bucket %s: %v", *bucket, err)
		}
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("s3server: %v", err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	if *portFile != "" {
		if err := os.WriteFile(*portFile, []byte(itoa(port)), 0o644); err != nil {
			log.Fatalf("s3server: %v", err)
		}
	}
	verifier := &sigV4Verifier{accessKey: *accessKey, secret: trimNewline(string(secret))}
	log.Printf("s3server: listening on %s", listener.Addr())
	log.Fatal(http.Serve(listener, verifier.wrap(faker.Server())))
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	digits := []byte{}
	for n > 0 {
		digits = append([]byte{byte('0' + n%10)}, digits...)
		n /= 10
	}
	return string(digits)
}
