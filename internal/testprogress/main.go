// Command testprogress runs `go test -json` with the arguments it is given
// and prints, for a person watching `make test`: go test's ok/FAIL line for
// each package as it ends, the output of each failing test as it fails, every
// 30 s which packages and tests still run, and at the end every skipped test
// with its reason, the slowest packages and one closing line,
// "N passed, N failed, N skipped in N packages (…)". It exits with go test's
// status, and 1 if any test failed. Run it from the module's root:
//
//	go run ./internal/testprogress -race -count=1 ./...
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

// every is how often the still-running packages are named.
const every = 30 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cmd := exec.Command("go", append([]string{"test", "-json"}, args...)...)
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintf(stderr, "testprogress: %v\n", err)
		return 2
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "testprogress: go test: %v\n", err)
		return 2
	}
	p := newPrinter(stdout, modulePath("go.mod"), time.Now())
	lines := make(chan []byte)
	go func() {
		defer close(lines)
		r := bufio.NewReaderSize(out, 64<<10)
		for {
			b, err := r.ReadBytes('\n')
			if len(b) > 0 {
				lines <- bytes.TrimRight(b, "\r\n")
			}
			if err != nil {
				return
			}
		}
	}()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case b, ok := <-lines:
			if !ok {
				done = true
				break
			}
			p.line(b)
		case now := <-tick.C:
			p.tick(now)
		}
	}
	werr := cmd.Wait()
	p.summary(time.Now())
	var exit *exec.ExitError
	switch {
	case errors.As(werr, &exit):
		return exit.ExitCode()
	case werr != nil:
		fmt.Fprintf(stderr, "testprogress: go test: %v\n", werr)
		return 2
	case !p.ok():
		return 1
	}
	return 0
}

// modulePath is the module named by the go.mod file at path, "" if none.
func modulePath(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	for _, l := range bytes.Split(b, []byte("\n")) {
		if m, ok := bytes.CutPrefix(bytes.TrimSpace(l), []byte("module ")); ok {
			return string(bytes.TrimSpace(m))
		}
	}
	return ""
}
