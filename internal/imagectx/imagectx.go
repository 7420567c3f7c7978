// Package imagectx prepares the build context of the harness's image, which
// is built FROM scratch (no registry is needed, nothing is pulled): the
// static binary, the Dockerfile, and a root file system of what a scratch
// image lacks and the harness needs, /tmp (mode 1777, for any user) and the
// build machine's CA certificates (for a --target over HTTPS), plus
// /etc/passwd and /etc/group naming the image's non-root user.
//
// `make image`, `make test` and internal/refimage build the image from a
// context that Prepare made, so that the three agree.
package imagectx

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// UID and GID are the image's user (Dockerfile: USER 65532:65532).
const (
	UID = 65532
	GID = 65532
)

// CertFiles are where Linux distributions keep their CA bundle, in the order
// Go's crypto/x509 looks for them; $SSL_CERT_FILE comes first.
var CertFiles = []string{
	"/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo, Arch, Alpine
	"/etc/pki/tls/certs/ca-bundle.crt",   // Fedora, RHEL
	"/etc/ssl/ca-bundle.pem",             // openSUSE
	"/etc/pki/tls/cacert.pem",            // OpenELEC
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/etc/ssl/cert.pem", // Alpine, macOS
}

// ImageCertFile is where the image holds the CA bundle: the first place Go
// looks on Linux.
const ImageCertFile = "/etc/ssl/certs/ca-certificates.crt"

// Prepare fills dir (created if missing; it must not hold an earlier
// context) with binary as scimharness, dockerfile as Dockerfile, and rootfs/
// (tmp with mode 1777, the CA bundle found by FindCerts, passwd and group).
func Prepare(dir, binary, dockerfile string) error {
	certs, err := FindCerts(os.Getenv)
	if err != nil {
		return err
	}
	root := filepath.Join(dir, "rootfs")
	for _, d := range []string{filepath.Join(root, "tmp"), filepath.Join(root, filepath.Dir(ImageCertFile))} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("image context: %w", err)
		}
	}
	// MkdirAll's mode passes through the umask, and the sticky bit not at all.
	if err := os.Chmod(filepath.Join(root, "tmp"), 0o777|os.ModeSticky); err != nil {
		return fmt.Errorf("image context: %w", err)
	}
	files := []struct {
		from, to string
		mode     os.FileMode
	}{
		{binary, filepath.Join(dir, "scimharness"), 0o755},
		{dockerfile, filepath.Join(dir, "Dockerfile"), 0o644},
		{certs, filepath.Join(root, ImageCertFile), 0o644},
	}
	for _, f := range files {
		b, err := os.ReadFile(f.from)
		if err != nil {
			return fmt.Errorf("image context: %w", err)
		}
		if err := writeFile(f.to, b, f.mode); err != nil {
			return fmt.Errorf("image context: %w", err)
		}
	}
	passwd := fmt.Sprintf("root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%d:%d:nonroot:/tmp:/sbin/nologin\n", UID, GID)
	group := fmt.Sprintf("root:x:0:\nnonroot:x:%d:\n", GID)
	if err := errors.Join(writeFile(filepath.Join(root, "etc", "passwd"), []byte(passwd), 0o644),
		writeFile(filepath.Join(root, "etc", "group"), []byte(group), 0o644)); err != nil {
		return fmt.Errorf("image context: %w", err)
	}
	return nil
}

// FindCerts is the build machine's CA bundle: $SSL_CERT_FILE if set, else
// the first of CertFiles that exists. It must hold at least one certificate.
func FindCerts(getenv func(string) string) (string, error) {
	candidates := CertFiles
	if f := getenv("SSL_CERT_FILE"); f != "" {
		candidates = []string{f}
	}
	for _, f := range candidates {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("CA certificates %s: %w", f, err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(b) {
			return "", fmt.Errorf("CA certificates %s: no PEM certificate in it", f)
		}
		return f, nil
	}
	return "", fmt.Errorf("no CA certificates on this machine (looked at %v; set SSL_CERT_FILE, or install ca-certificates)", candidates)
}

// writeFile writes b to path with exactly mode, whatever the umask.
func writeFile(path string, b []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, b, mode); err != nil {
		return err
	}
	return os.Chmod(path, mode)
}
