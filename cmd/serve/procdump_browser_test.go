//go:build browser

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// rendererDump describes what the browser's renderer processes are doing,
// from outside them (for a page that answers no DevTools command): each
// thread's name, state, what it waits in (wchan) and the CPU it used over a
// second, and, where gdb is installed, the main thread's native stack.
func rendererDump() string {
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var out strings.Builder
	for _, p := range procs {
		cmdline, err := os.ReadFile(filepath.Join(p, "cmdline"))
		if err != nil || !bytes.Contains(cmdline, []byte("--type=renderer")) {
			continue
		}
		pid := filepath.Base(p)
		fmt.Fprintf(&out, "\nrenderer %s:", pid)
		before := threadTimes(p)
		time.Sleep(time.Second)
		for tid, t := range threadTimes(p) {
			used := t.cpu - before[tid].cpu
			if tid != pid && used == 0 && t.state == "S" {
				continue // an idle helper thread
			}
			fmt.Fprintf(&out, " [%s %q %s wchan=%s cpu=%dticks/s]", tid, t.name, t.state, t.wchan, used)
		}
		if gdb, err := exec.LookPath("gdb"); err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			bt, _ := exec.CommandContext(ctx, gdb, "-p", pid, "-batch", "-ex", "bt 30").CombinedOutput()
			cancel()
			var frames []string
			for _, l := range strings.Split(string(bt), "\n") {
				if strings.HasPrefix(l, "#") {
					frames = append(frames, strings.Join(strings.Fields(l), " "))
				}
			}
			fmt.Fprintf(&out, "\n  main thread: %s", strings.Join(frames, "\n    "))
		}
	}
	return out.String()
}

type threadTime struct {
	name, state, wchan string
	cpu                int
}

// threadTimes reads each thread of the process at /proc/pid.
func threadTimes(p string) map[string]threadTime {
	tasks, _ := filepath.Glob(filepath.Join(p, "task", "[0-9]*"))
	ts := map[string]threadTime{}
	for _, task := range tasks {
		stat, err := os.ReadFile(filepath.Join(task, "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ... utime stime: fields 14 and 15.
		s := string(stat)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < 0 {
			continue
		}
		f := strings.Fields(s[end+1:])
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.Atoi(f[11])
		stime, _ := strconv.Atoi(f[12])
		wchan, _ := os.ReadFile(filepath.Join(task, "wchan"))
		ts[filepath.Base(task)] = threadTime{name: s[open+1 : end], state: f[0], wchan: string(wchan), cpu: utime + stime}
	}
	return ts
}

// chromedpGoroutines is the stacks of this test's goroutines that are in
// chromedp: where its handling of a target's messages waits, if it does.
func chromedpGoroutines() string {
	var all bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&all, 2)
	var out []string
	for _, g := range strings.Split(all.String(), "\n\n") {
		if strings.Contains(g, "chromedp.(*Target)") {
			out = append(out, g)
		}
	}
	return strings.Join(out, "\n\n")
}
