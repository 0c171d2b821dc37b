package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/xkit-wasm/xkit/internal/seal"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// openStore opens the database and seals its secrets (internal/seal) with
// the encryption key: XKIT_ENCRYPTION_KEY, else the key file beside the
// database, made on first use.
func openStore(ctx context.Context, dbPath string) (*sqlite.DB, *seal.Store, error) {
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return nil, nil, err
	}
	ring, err := encryptionRing(ctx, db, dbPath)
	if err == nil {
		var store *seal.Store
		if store, err = seal.Open(ctx, db, db, ring); err == nil {
			return db, store, nil
		}
	}
	db.Close()
	return nil, nil, err
}

// encryptionRing finds the encryption key. A key file is made only for a
// database that has never been sealed: one whose key went missing is an
// error, not a fresh key that would open nothing.
func encryptionRing(ctx context.Context, db *sqlite.DB, dbPath string) (*seal.Ring, error) {
	if env := os.Getenv("XKIT_ENCRYPTION_KEY"); env != "" {
		ring, err := seal.ParseRing(env)
		if err != nil {
			return nil, fmt.Errorf("XKIT_ENCRYPTION_KEY: %w", err)
		}
		return ring, nil
	}
	path := seal.KeyFilePath(dbPath)
	_, ring, err := seal.ReadKeyFile(path)
	if !seal.IsMissing(err) {
		return ring, err
	}
	stored, err := seal.StoredKeyID(ctx, db)
	if err != nil {
		return nil, err
	}
	if stored != "" {
		return nil, fmt.Errorf("the secrets in %s are sealed with encryption key %s, but its key file %s is missing "+
			"and XKIT_ENCRYPTION_KEY is unset: restore the key file from your backup, or set XKIT_ENCRYPTION_KEY", dbPath, stored, path)
	}
	if ring, err = seal.CreateKeyFile(path); err != nil {
		return nil, fmt.Errorf("creating the encryption key file: %w", err)
	}
	fmt.Printf("xkitd created the encryption key file %s (key %s, mode 0600): the secrets in %s are sealed with it. "+
		"Back it up apart from the database; without it they are lost.\n", path, ring.Current().ID(), dbPath)
	return ring, nil
}

// keys is `xkitd keys [-db F]` (print the key pair kept in the database)
// and `xkitd keys rotate-encryption [-db F]`.
func keys(args []string) error {
	rotate := len(args) > 0 && args[0] == "rotate-encryption"
	if rotate {
		args = args[1:]
	}
	fs := flag.NewFlagSet("xkitd keys", flag.ContinueOnError)
	dbPath := fs.String("db", "xkit.db", "SQLite database file")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: xkitd keys [-db xkit.db]                    print the provisioning key pair")
		fmt.Fprintln(fs.Output(), "       xkitd keys rotate-encryption [-db xkit.db]  seal the secrets with a new encryption key")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected %q", fs.Arg(0))
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("no database at %s (-db)", *dbPath)
	}
	ctx := context.Background()
	if rotate {
		return rotateEncryption(ctx, *dbPath)
	}
	db, store, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	pk, sk, err := server.StoredKeys(ctx, store)
	if err != nil {
		return err
	}
	if pk == "" || sk == "" {
		return fmt.Errorf("%s keeps no key pair (xkitd makes one on its first start without XKIT_SECRET_KEY)", *dbPath)
	}
	fmt.Printf("XKIT_PUBLISHABLE_KEY=%s\nXKIT_SECRET_KEY=%s\n", pk, sk)
	return nil
}

// rotateEncryption seals every secret with a new key and keeps it in the
// key file, in an order that loses nothing if it stops halfway: the file
// first holds "NEW OLD" (either opens what is stored), then the database
// is re-sealed with NEW, then the file holds NEW alone. With
// XKIT_ENCRYPTION_KEY there is no file to write: the operator rotates by
// setting it to "NEW,OLD" for one start.
func rotateEncryption(ctx context.Context, dbPath string) error {
	if os.Getenv("XKIT_ENCRYPTION_KEY") != "" {
		return fmt.Errorf("XKIT_ENCRYPTION_KEY is set, so xkitd keeps no key file to rotate. To rotate: start xkitd once with "+
			"XKIT_ENCRYPTION_KEY=\"NEW,OLD\" (it re-seals every secret with NEW), then with XKIT_ENCRYPTION_KEY=NEW alone. "+
			"A new key: %s", seal.NewKey())
	}
	path := seal.KeyFilePath(dbPath)
	old, oldRing, err := seal.ReadKeyFile(path)
	if err != nil {
		if seal.IsMissing(err) {
			return fmt.Errorf("no encryption key file at %s", path)
		}
		return err
	}
	next := seal.NewKey()
	keys := append([]string{next}, old...)
	ring, err := seal.ParseRing(strings.Join(keys, ","))
	if err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	from, err := seal.StoredKeyID(ctx, db)
	if err != nil {
		return err
	}
	if from != "" && !slices.Contains(oldRing.IDs(), from) {
		return fmt.Errorf("%w: the secrets in %s are sealed with key %s, which %s does not hold", seal.ErrWrongKey, dbPath, from, path)
	}
	if err := seal.WriteKeyFile(path, keys); err != nil {
		return err
	}
	if _, err := seal.Open(ctx, db, db, ring); err != nil {
		return fmt.Errorf("%w (%s holds the new and the old key: xkitd starts with both; run this again)", err, path)
	}
	if err := seal.WriteKeyFile(path, []string{next}); err != nil {
		return err
	}
	fmt.Printf("xkitd sealed the secrets of %s with the new encryption key %s (was %s); %s holds it. Start xkitd again.\n",
		dbPath, ring.Current().ID(), from, path)
	return nil
}
