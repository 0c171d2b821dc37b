package i18n

import (
	"strconv"
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// sep joins the forms of a counted message, in the order of its
// language's Categories.
const sep = "\x1f"

// Messages are one language's words for the catalog: English, or a
// message file read by Parse.
type Messages struct {
	Lang string // one of Languages

	// Number and Date format a count and an RFC 3339 time for this
	// locale; the view sets them to the browser's Intl. Number defaults to
	// plain digits, Date to "" (the caller then shows something else).
	Number func(n int) string
	Date   func(rfc3339 string) string

	text    []string // by Key; a slice, not an array: an array type costs an equality function
	isolate bool     // wrap values in bidi isolates (right-to-left languages)
}

// English is the built-in English messages, which every other language
// falls back on for a message it lacks. Do not change the result: it is
// shared; copy it to set Number and Date.
func English() *Messages { return &english }

// Parse reads a message file (web/i18n/{lang}.json: a JSON object of key
// names to messages, or to {category: message} for counted ones). A key
// it lacks, or gives in the wrong shape, keeps English's message; each
// such problem is named in problems, for the console.
func Parse(lang, src string) (m *Messages, problems []string) {
	m = &Messages{Lang: lang, text: make([]string, keyCount), isolate: RightToLeft(lang)}
	v, err := jsonv.Parse(src)
	if err != nil || v.Kind() != jsonv.KindObject {
		problems = append(problems, lang+": not a JSON object of messages")
	}
	for k := range keyCount {
		val := v.Get(keyNames[k])
		s, ok := val.Str()
		if counted := strings.Contains(english.text[k], sep); counted {
			s, ok = forms(lang, val)
		}
		if !ok {
			problems = append(problems, lang+": no usable message "+keyNames[k])
			s = english.text[k]
		}
		m.text[k] = s
	}
	return m, problems
}

// forms joins a counted message's forms; ok is false without the other
// form (the one every language has).
func forms(lang string, v jsonv.Value) (string, bool) {
	var b strings.Builder
	other := false
	for i, c := range Categories(lang) {
		if i > 0 {
			b.WriteString(sep)
		}
		s, _ := v.Get(c.String()).Str()
		b.WriteString(s)
		other = c == Other && s != ""
	}
	return b.String(), other
}

// T is message k with its placeholders filled: args are name, value
// pairs ("name", "Slack" fills {name}). A placeholder without a value
// stays as written.
func (m *Messages) T(k Key, args ...string) string {
	s := m.text[k]
	if i := strings.LastIndexByte(s, sep[0]); i >= 0 {
		s = s[i+1:] // a counted message without a count: its other form
	}
	return m.fill(s, args)
}

// N is counted message k for n: the form of n's plural category in this
// language (the other form when the file left it empty), with {count}
// the number as Number formats it, then args as for T.
func (m *Messages) N(k Key, n int, args ...string) string {
	all := strings.Split(m.text[k], sep)
	s := all[len(all)-1]
	lang := m.Lang
	if len(all) != len(Categories(lang)) {
		lang = "en" // English's forms, for a message the file lacked
	}
	c := PluralOf(lang, Int(n))
	for i, cat := range Categories(lang) {
		if cat == c && i < len(all) && all[i] != "" {
			s = all[i]
		}
	}
	count := strconv.Itoa(n)
	if m.Number != nil {
		count = m.Number(n)
	}
	return m.fill(s, append([]string{"count", count}, args...))
}

// FormatDate is t (RFC 3339) as Date formats it; "" when it cannot.
func (m *Messages) FormatDate(t string) string {
	if m.Date == nil || t == "" {
		return ""
	}
	return m.Date(t)
}

// fill replaces {name} placeholders. In a right-to-left language each
// value is wrapped in FSI ... PDI, so a left-to-right name ("Demo user
// (salesforce)") keeps its own direction and its brackets inside the
// sentence.
func (m *Messages) fill(s string, args []string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		end := strings.IndexByte(s[open+1:], '}') + open + 1
		if open < 0 || end <= open {
			break
		}
		b.WriteString(s[:open])
		name, v := s[open+1:end], s[open:end+1]
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == name {
				v = args[i+1]
				if m.isolate {
					v = "\u2068" + v + "\u2069"
				}
			}
		}
		b.WriteString(v)
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Split is message k cut at placeholder name: the text before and after
// it, for a value that is an element rather than text ("powered by
// {brand}" with the brand in bold).
func (m *Messages) Split(k Key, name string) (before, after string) {
	s := m.T(k)
	if b, a, ok := strings.Cut(s, "{"+name+"}"); ok {
		return b, a
	}
	return s, ""
}

// KeyName is k's name in the message files.
func KeyName(k Key) string { return keyNames[k] }

// Keys is the number of messages: every Key is below it.
const Keys = keyCount
