package main

import (
	"fmt"
	"os"
	"strings"
)

// writeSection puts text into the results file between the markers of
// key, replacing what a run before left there, or at the end. Each
// command (the browser bench, each load size and label) keeps its own
// section, so one run does not erase another's numbers.
func writeSection(path, key, text string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	key = strings.ReplaceAll(key, "--", "-")
	begin, end := fmt.Sprintf("<!-- begin %s -->\n", key), fmt.Sprintf("<!-- end %s -->\n", key)
	section := begin + strings.TrimRight(text, "\n") + "\n" + end
	s := string(old)
	i := strings.Index(s, begin)
	j := strings.Index(s, end)
	switch {
	case i >= 0 && j > i:
		s = s[:i] + section + s[j+len(end):]
	case s == "":
		s = section
	default:
		s = strings.TrimRight(s, "\n") + "\n\n" + section
	}
	return os.WriteFile(path, []byte(s), 0o644)
}
