package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/internal/xkitdproc"
)

// loadConfig is what `go run ./bench load` was asked for.
type loadConfig struct {
	users, sockets, pid int
	dur                 time.Duration
	url, pk, sk         string
	bin, label, out     string
	command             string
	db                  string // the child's database file ("" with -url)
	name                string // -label as given
}

// The user loop's operations, in table order.
const (
	opList   = "GET /connectors (listConnectors)"
	opCreate = "POST /connections/{slug} (create)"
	// opComplete is the user finishing the authorization (an API key saved).
	opComplete = "PUT /authorizations/{slug} (complete)"
	opGet      = "GET /connection/{id} (getConnection)"
	opRemove   = "DELETE /connection/{id} (remove)"
	opJoin     = "socket: connect and join"
	opBeat     = "socket: heartbeat"
)

var loopOps = []string{opList, opCreate, opComplete, opGet, opRemove}

// loadMain is `go run ./bench load`: many users at once against one xkitd.
func loadMain(args []string) {
	c := loadConfig{command: "go run ./bench load"}
	for _, a := range args {
		if strings.ContainsAny(a, " \t\"'") {
			a = strconv.Quote(a)
		}
		c.command += " " + a
	}
	fs := flag.NewFlagSet("bench load", flag.ExitOnError)
	fs.IntVar(&c.users, "users", 200, "concurrent users, each looping listConnectors → create connection → complete it → getConnection → remove")
	fs.DurationVar(&c.dur, "dur", 60*time.Second, "how long the users loop")
	fs.IntVar(&c.sockets, "sockets", 1000, "status sockets held open during the run (joined, a heartbeat every 15 s)")
	fs.StringVar(&c.url, "url", "", "measure this running xkitd (default: start one built from this repository)")
	fs.StringVar(&c.pk, "pk", os.Getenv("XKIT_PUBLISHABLE_KEY"), "with -url: the provisioning publishable key")
	fs.StringVar(&c.sk, "sk", os.Getenv("XKIT_SECRET_KEY"), "with -url: the provisioning secret key")
	fs.IntVar(&c.pid, "pid", 0, "with -url: the xkitd process whose peak memory to report")
	fs.StringVar(&c.bin, "xkitd", "", "start this xkitd binary instead of building ./cmd/xkitd")
	fs.StringVar(&c.label, "label", "", "names what was measured in the results (default: the commit or binary)")
	fs.StringVar(&c.out, "out", "", "results file (default bench/RESULTS.md; - writes none)")
	fs.Parse(args)
	c.name = c.label
	if err := runLoad(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench load:", err)
		os.Exit(1)
	}
}

func runLoad(c loadConfig) error {
	if c.users < 1 || c.dur <= 0 || c.sockets < 0 {
		return fmt.Errorf("-users must be ≥ 1, -dur > 0 and -sockets ≥ 0")
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if c.out == "" {
		c.out = filepath.Join(root, "bench", "RESULTS.md")
	}
	tmp, err := os.MkdirTemp("", "xkit-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if c.url == "" {
		bin := c.bin
		if bin == "" {
			logf("building xkitd")
			if bin, err = xkitdproc.Build(root, tmp); err != nil {
				return err
			}
			c.label = cmp.Or(c.label, "xkitd built from "+describeTree(root))
		}
		c.label = cmp.Or(c.label, "xkitd "+bin)
		c.db = filepath.Join(tmp, "xkit.db")
		p, err := xkitdproc.Start(xkitdproc.Options{Bin: bin, DB: c.db})
		if err != nil {
			return err
		}
		defer func() {
			if err := p.Stop(); err != nil {
				logf("stopping xkitd: %v", err)
			}
		}()
		c.url, c.pk, c.sk, c.pid = p.URL, xkitdproc.PublishableKey, xkitdproc.SecretKey, p.Pid()
	}
	c.label = cmp.Or(c.label, "xkitd at "+c.url)
	if c.pk == "" || c.sk == "" {
		return fmt.Errorf("-url needs the key pair: -pk and -sk (or XKIT_PUBLISHABLE_KEY, XKIT_SECRET_KEY)")
	}
	rep, err := driveLoad(c)
	if err != nil {
		return err
	}
	table := rep.markdown()
	fmt.Println(table)
	if c.out == "-" {
		return nil
	}
	// A named run keeps its own section; an unnamed one replaces the
	// last unnamed one of its size.
	key := fmt.Sprintf("load %d users, %s", c.users, cmp.Or(c.name, "this tree"))
	if err := writeSection(c.out, key, table); err != nil {
		return err
	}
	logf("wrote %s", c.out)
	return nil
}

// driveLoad provisions the users and sockets, runs the user loops for
// c.dur with the sockets open, and summarises.
func driveLoad(c loadConfig) (*loadReport, error) {
	client := &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			MaxIdleConnsPerHost: c.users + 64,
			IdleConnTimeout:     2 * time.Minute,
			TLSClientConfig:     &tls.Config{InsecureSkipVerify: true}, // xkitd -tls is self-signed
		},
	}
	run := fmt.Sprintf("load-%d", time.Now().UnixNano())
	logf("provisioning %d users on %s", c.users, c.url)
	users, err := provision(client, c, run)
	if err != nil {
		return nil, err
	}
	rec := newRecorder()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var notes []string
	logf("opening %d status sockets", c.sockets)
	socks, failed := openSockets(ctx, client, c, users, rec)
	if failed > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d sockets could not be set up", failed, c.sockets))
	}

	logf("%d users looping for %s", c.users, c.dur)
	var wg sync.WaitGroup
	start := time.Now()
	loops, cancelLoops := context.WithTimeout(ctx, c.dur)
	defer cancelLoops()
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u.loop(loops, rec, i)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stop() // the heartbeats
	dropped := closeSockets(socks)
	if dropped > 0 {
		notes = append(notes, fmt.Sprintf("%d sockets were closed by the server before the end", dropped))
	}

	rep := &loadReport{
		Label: c.label, Date: time.Now().UTC().Format("2006-01-02 15:04 MST"), Command: c.command,
		Users: c.users, Sockets: c.sockets, Elapsed: elapsed,
		Rows:  rec.rows(append(loopOps, opJoin, opBeat), elapsed),
		HTTP:  rec.total("all five user calls", loopOps, elapsed),
		Notes: notes,
	}
	m := describeMachine()
	rep.Machine = fmt.Sprintf("%s, %d cores; %s", m.CPU, m.Cores, m.Go)
	if c.pid > 0 {
		if rep.PeakRSS, err = xkitdproc.PeakRSS(c.pid); err != nil {
			logf("peak memory of pid %d: %v", c.pid, err)
		}
	}
	if c.db != "" {
		rep.Notes = append(rep.Notes, fmt.Sprintf("database file after the run: %s, its WAL %s",
			fileSize(c.db), fileSize(c.db+"-wal")))
	}
	return rep, nil
}

func fileSize(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "none"
	}
	return fmt.Sprintf("%.1f MB", float64(st.Size())/1e6)
}

// describeTree names the commit of the module at root, "+changes" when
// the work tree differs from it (bench/RESULTS.md, which the runs write,
// aside).
func describeTree(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "an unknown commit"
	}
	commit := strings.TrimSpace(string(out))
	changes, err := exec.Command("git", "-C", root, "status", "--porcelain", "--", ".", ":!bench/RESULTS.md").Output()
	if err != nil || len(changes) > 0 {
		commit += "+changes"
	}
	return commit
}
