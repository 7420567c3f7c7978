package imagectx_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scimharness/scimharness/internal/imagectx"
)

// Prepare lays out the context the Dockerfile copies: the binary and the
// Dockerfile at its root, rootfs/tmp with mode 1777 whatever the umask, the
// CA bundle where Go looks first, and the non-root user in passwd.
func TestPrepare(t *testing.T) {
	certs, err := imagectx.FindCerts(os.Getenv)
	if err != nil {
		t.Skipf("no CA bundle on this machine: %v", err)
	}
	src := t.TempDir()
	bin, df := filepath.Join(src, "bin"), filepath.Join(src, "Dockerfile")
	if err := os.WriteFile(bin, []byte("binary"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(df, []byte("FROM scratch\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ctx")
	if err := imagectx.Prepare(dir, bin, df); err != nil {
		t.Fatal(err)
	}
	for path, mode := range map[string]os.FileMode{
		"scimharness":                     0o755,
		"Dockerfile":                      0o644,
		"rootfs/tmp":                      os.ModeDir | os.ModeSticky | 0o777,
		"rootfs/etc/passwd":               0o644,
		"rootfs/etc/group":                0o644,
		"rootfs" + imagectx.ImageCertFile: 0o644,
	} {
		info, err := os.Stat(filepath.Join(dir, path))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if info.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", path, info.Mode(), mode)
		}
	}
	want, _ := os.ReadFile(certs)
	got, _ := os.ReadFile(filepath.Join(dir, "rootfs", imagectx.ImageCertFile))
	if string(got) != string(want) {
		t.Error("the context's CA bundle is not the machine's")
	}
	passwd, _ := os.ReadFile(filepath.Join(dir, "rootfs", "etc", "passwd"))
	if !strings.Contains(string(passwd), "nonroot:x:65532:65532:") {
		t.Errorf("passwd lacks the image's user:\n%s", passwd)
	}
}

// FindCerts takes $SSL_CERT_FILE when set, and refuses a file without a
// certificate or a missing one rather than building an image without any.
func TestFindCerts(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.pem")
	if err := os.WriteFile(empty, []byte("not a certificate\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		empty:                             "no PEM certificate",
		filepath.Join(dir, "missing.pem"): "no CA certificates on this machine",
	} {
		_, err := imagectx.FindCerts(func(k string) string {
			if k == "SSL_CERT_FILE" {
				return file
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("SSL_CERT_FILE=%s: %v, want an error with %q", file, err, want)
		}
	}
}
