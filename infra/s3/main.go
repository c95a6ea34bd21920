// Command s3server is the S3-compatible server the Pitrix dev stack and tests use for s3://
// repositories: gofakes3's S3 protocol implementation behind a SigV4 check, so a wrong access
// key or secret is refused exactly as S3 refuses it (403 InvalidAccessKeyId or
// SignatureDoesNotMatch).
//
// The secret is read from a file (or the S3SERVER_SECRET_ACCESS_KEY variable), never from the
// command line, so it does not show in the process list; it is never logged.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3bolt"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

type options struct {
	addr       string
	accessKey  string
	secretFile string
	dataDir    string
	buckets    string
	portFile   string
}

func main() {
	opts := parseFlags()
	secret := readSecret(opts.secretFile)
	if opts.accessKey == "" || secret == "" {
		log.Fatalf("s3server: an access key (-access-key) and a secret (-secret-file or S3SERVER_SECRET_ACCESS_KEY) are required")
	}
	backend := openBackend(opts.dataDir)
	for _, bucket := range strings.Split(opts.buckets, ",") {
		if bucket = strings.TrimSpace(bucket); bucket == "" {
			continue
		}
		if err := backend.CreateBucket(bucket); err != nil && !gofakes3.HasErrorCode(err, gofakes3.ErrBucketAlreadyExists) {
			log.Fatalf("s3server: cannot create bucket %s: %v", bucket, err)
		}
	}
	faker := gofakes3.New(backend, gofakes3.WithAutoBucket(false), gofakes3.WithLogger(gofakes3.DiscardLog()))
	listener, err := net.Listen("tcp", opts.addr)
	if err != nil {
		log.Fatalf("s3server: %v", err)
	}
	if opts.portFile != "" {
		port := listener.Addr().(*net.TCPAddr).Port
		if err := os.WriteFile(opts.portFile, []byte(strconv.Itoa(port)), 0o644); err != nil {
			log.Fatalf("s3server: %v", err)
		}
	}
	verifier := &sigV4Verifier{accessKey: opts.accessKey, secret: secret}
	log.Printf("s3server: listening on %s (access key %s)", listener.Addr(), opts.accessKey)
	log.Fatal(http.Serve(listener, verifier.wrap(faker.Server())))
}

func parseFlags() options {
	var opts options
	flag.StringVar(&opts.addr, "addr", envOr("S3SERVER_ADDR", "127.0.0.1:0"), "listen address (port 0 picks a free one; see -port-file)")
	flag.StringVar(&opts.accessKey, "access-key", os.Getenv("S3SERVER_ACCESS_KEY_ID"), "the one access key id accepted")
	flag.StringVar(&opts.secretFile, "secret-file", "", "file holding the secret access key (default: S3SERVER_SECRET_ACCESS_KEY)")
	flag.StringVar(&opts.dataDir, "data-dir", os.Getenv("S3SERVER_DATA_DIR"), "folder of the bolt database that keeps objects across restarts; empty keeps them in memory")
	flag.StringVar(&opts.buckets, "buckets", os.Getenv("S3SERVER_BUCKETS"), "comma-separated buckets created at start when missing")
	flag.StringVar(&opts.portFile, "port-file", "", "file the chosen port is written to once listening")
	flag.Parse()
	return opts
}

func readSecret(file string) string {
	if file == "" {
		return os.Getenv("S3SERVER_SECRET_ACCESS_KEY")
	}
	secret, err := os.ReadFile(file)
	if err != nil {
		log.Fatalf("s3server: cannot read the secret file %s: %v", file, err)
	}
	return strings.TrimRight(string(secret), "\r\n")
}

func openBackend(dataDir string) gofakes3.Backend {
	if dataDir == "" {
		return s3mem.New()
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		log.Fatalf("s3server: cannot create %s: %v", dataDir, err)
	}
	file := filepath.Join(dataDir, "objects.bolt")
	backend, err := s3bolt.NewFile(file)
	if err != nil {
		log.Fatalf("s3server: cannot open %s: %v", file, err)
	}
	return backend
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
