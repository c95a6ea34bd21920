package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// sigV4Verifier refuses requests not signed (AWS Signature Version 4, Authorization header) with
// the configured access key and secret, answering with S3's own error codes.
type sigV4Verifier struct {
	accessKey string
	secret    string
}

type authorization struct {
	accessKey     string
	date          string
	region        string
	service       string
	signedHeaders []string
	signature     string
}

func (v *sigV4Verifier) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, err := parseAuthorization(r.Header.Get("Authorization"))
		if err != nil {
			writeError(w, http.StatusForbidden, "AccessDenied", err.Error())
			return
		}
		if auth.accessKey != v.accessKey {
			writeError(w, http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
			return
		}
		if !hmac.Equal([]byte(v.signature(r, auth)), []byte(auth.signature)) {
			writeError(w, http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex".
func parseAuthorization(header string) (authorization, error) {
	const prefix = "AWS4-HMAC-SHA256 "
	if !strings.HasPrefix(header, prefix) {
		return authorization{}, fmt.Errorf("missing or unsupported Authorization header")
	}
	var auth authorization
	for _, part := range strings.Split(header[len(prefix):], ",") {
		key, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch key {
		case "Credential":
			scope := strings.Split(value, "/")
			if len(scope) != 5 {
				return authorization{}, fmt.Errorf("malformed credential scope")
			}
			auth.accessKey, auth.date, auth.region, auth.service = scope[0], scope[1], scope[2], scope[3]
		case "SignedHeaders":
			auth.signedHeaders = strings.Split(value, ";")
		case "Signature":
			auth.signature = value
		}
	}
	if auth.accessKey == "" || auth.signature == "" || len(auth.signedHeaders) == 0 {
		return authorization{}, fmt.Errorf("incomplete Authorization header")
	}
	return auth, nil
}

func (v *sigV4Verifier) signature(r *http.Request, auth authorization) string {
	amzDate := r.Header.Get("X-Amz-Date")
	scope := strings.Join([]string{auth.date, auth.region, auth.service, "aws4_request"}, "/")
	canonical := canonicalRequest(r, auth.signedHeaders)
	digest := sha256.Sum256([]byte(canonical))
	toSign := strings.Join([]string{"AWS4-HMAC-SHA256", amzDate, scope, hex.EncodeToString(digest[:])}, "\n")
	key := hmacSHA256([]byte("AWS4"+v.secret), auth.date)
	key = hmacSHA256(key, auth.region)
	key = hmacSHA256(key, auth.service)
	key = hmacSHA256(key, "aws4_request")
	return hex.EncodeToString(hmacSHA256(key, toSign))
}

func canonicalRequest(r *http.Request, signedHeaders []string) string {
	headers := make([]string, 0, len(signedHeaders))
	for _, name := range signedHeaders {
		value := r.Header.Get(name)
		if name == "host" {
			value = r.Host
		}
		headers = append(headers, name+":"+strings.Join(strings.Fields(value), " ")+"\n")
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = "UNSIGNED-PAYLOAD"
	}
	return strings.Join([]string{r.Method, canonicalURI(r.URL), canonicalQuery(r.URL.Query()), strings.Join(headers, ""), strings.Join(signedHeaders, ";"), payload}, "\n")
}

// canonicalURI encodes each segment once, as S3 signs paths (no double encoding).
func canonicalURI(u *url.URL) string {
	path := u.EscapedPath()
	if path == "" {
		return "/"
	}
	decoded, err := url.PathUnescape(path)
	if err != nil {
		return path
	}
	segments := strings.Split(decoded, "/")
	for i, segment := range segments {
		segments[i] = awsEscape(segment)
	}
	return strings.Join(segments, "/")
}

func canonicalQuery(values url.Values) string {
	keys := make([]string, 0, len(values))
	for key := range values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	parts := []string{}
	for _, key := range keys {
		vals := append([]string(nil), values[key]...)
		sort.Strings(vals)
		for _, value := range vals {
			parts = append(parts, awsEscape(key)+"="+awsEscape(value))
		}
	}
	return strings.Join(parts, "&")
}

// awsEscape percent-encodes everything but the RFC 3986 unreserved characters.
func awsEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func hmacSHA256(key []byte, data string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(data))
	return mac.Sum(nil)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message></Error>`, code, message)
}
