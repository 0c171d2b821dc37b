package seal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeyFilePath is where xkitd keeps its encryption key when
// XKIT_ENCRYPTION_KEY is unset: beside the database (xkit.db.key).
func KeyFilePath(dbPath string) string { return dbPath + ".key" }

// ReadKeyFile returns the keys of a key file (one base64 key a line, the
// current one first) and their ring. A file that other users may read is
// refused, as ssh refuses such a private key.
func ReadKeyFile(path string) ([]string, *Ring, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, nil, fmt.Errorf("the encryption key file %s may be read by other users (mode %04o): chmod 600 %s",
			path, st.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	keys := strings.Fields(string(data))
	ring, err := ParseRing(strings.Join(keys, "\n"))
	if err != nil {
		return nil, nil, fmt.Errorf("the encryption key file %s: %w", path, err)
	}
	return keys, ring, nil
}

// CreateKeyFile writes a new key file at path (mode 0600; an existing
// file is an error, never overwritten) and returns its ring.
func CreateKeyFile(path string) (*Ring, error) {
	key := NewKey()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(key + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return ParseRing(key)
}

// WriteKeyFile replaces the key file at path with keys (the current one
// first), atomically: a new file renamed over the old one.
func WriteKeyFile(path string, keys []string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.WriteString(strings.Join(keys, "\n") + "\n"); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// IsMissing reports whether err says a file does not exist.
func IsMissing(err error) bool { return errors.Is(err, fs.ErrNotExist) }
