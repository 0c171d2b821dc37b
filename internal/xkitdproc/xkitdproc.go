// Package xkitdproc runs xkitd as a child process built from this
// repository, for what needs a real process: the load command (go run
// ./bench load) measures its memory, the crash test kills it with SIGKILL.
//
//	bin, err := xkitdproc.Build(root, t.TempDir())
//	p, err := xkitdproc.Start(xkitdproc.Options{Bin: bin, DB: dbPath})
//	p.URL          // http://127.0.0.1:PORT
//	p.Kill()       // kill -9, as a crash would
package xkitdproc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The key pair every child gets unless Options.Env names another.
const (
	PublishableKey = "xkit_pk_proc"
	SecretKey      = "xkit_sk_proc"
)

// Build compiles cmd/xkitd of the module at root into dir and returns the
// binary's path.
func Build(root, dir string) (string, error) {
	bin := filepath.Join(dir, "xkitd")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/xkitd")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/xkitd: %v\n%s", err, out)
	}
	return bin, nil
}

// Options say how to run xkitd.
type Options struct {
	Bin string // the xkitd binary
	DB  string // the SQLite file
	// Args are more flags (-addr 127.0.0.1:0 -quiet -web <empty dir> are
	// always given first).
	Args []string
	// Env is added to this process's environment (after the key pair).
	Env []string
}

// Process is a running xkitd.
type Process struct {
	URL  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	done chan struct{}
	out  *lines
}

// Start runs xkitd and waits until it listens (at most 30 s).
func Start(o Options) (*Process, error) {
	web, err := os.MkdirTemp("", "xkitdproc-web-")
	if err != nil {
		return nil, err
	}
	args := append([]string{"-addr", "127.0.0.1:0", "-db", o.DB, "-quiet", "-web", web}, o.Args...)
	cmd := exec.Command(o.Bin, args...)
	cmd.Env = append(append(os.Environ(), "XKIT_PUBLISHABLE_KEY="+PublishableKey, "XKIT_SECRET_KEY="+SecretKey), o.Env...)
	listening := make(chan string, 1)
	p := &Process{cmd: cmd, done: make(chan struct{}), out: &lines{listening: listening}}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		os.RemoveAll(web)
		return nil, err
	}
	go func() {
		cmd.Wait()
		os.RemoveAll(web)
		close(p.done)
	}()
	select {
	case p.URL = <-listening:
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("xkitd exited before listening:\n%s", p.out)
	case <-time.After(30 * time.Second):
		p.Kill()
		return nil, fmt.Errorf("xkitd did not listen within 30 s:\n%s", p.out)
	}
}

// Pid is the process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Output is what xkitd printed so far (stdout and stderr).
func (p *Process) Output() string { return p.out.String() }

// Kill ends xkitd with SIGKILL, as a crash would, and waits for it.
func (p *Process) Kill() {
	p.cmd.Process.Kill()
	<-p.done
}

// Stop asks xkitd to shut down (SIGTERM) and waits up to 15 s, then kills
// it; the error says whether it stopped cleanly.
func (p *Process) Stop() error {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		p.Kill()
		return errors.New("xkitd did not stop within 15 s of SIGTERM")
	}
	if st := p.cmd.ProcessState; st != nil && !st.Success() {
		return fmt.Errorf("xkitd: %s\n%s", st, p.out)
	}
	return nil
}

// PeakRSS is the most resident memory the process has had (VmHWM), in
// bytes. Linux only.
func PeakRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// lines keeps a child's output and sends the URL of its "xkitd listening
// on URL" line once.
type lines struct {
	mu        sync.Mutex
	b         strings.Builder
	listening chan<- string
}

const listeningPrefix = "xkitd listening on "

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Write(p)
	if l.listening != nil {
		s := l.b.String()
		if i := strings.Index(s, listeningPrefix); i >= 0 {
			if url, _, ok := strings.Cut(s[i+len(listeningPrefix):], "\n"); ok {
				l.listening <- url
				l.listening = nil
			}
		}
	}
	return len(p), nil
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
