package bytesize

import "testing"

func TestText(t *testing.T) {
	for n, want := range map[int]string{
		8 << 20: "8 MiB", 64 << 10: "64 KiB", 1000: "1000 bytes", 0: "0 bytes", 3<<20 + 1: "3145729 bytes", 1536 << 10: "1536 KiB",
	} {
		if got := Text(n); got != want {
			t.Errorf("Text(%d) = %q, want %q", n, got, want)
		}
	}
}
