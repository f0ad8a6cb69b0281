package spec

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// cacheFormat changes whenever entries or keys change meaning.
const cacheFormat = "authgen-spec-cache-2"

// lockfiles are the package managers' lockfiles, looked for from the
// functions directory's parent upwards: the installed packages (convex,
// esbuild, the app's imports) are part of the input through them.
var lockfiles = []string{"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb"}

// projectFiles sit next to the functions directory and change how it is
// bundled.
var projectFiles = []string{"tsconfig.json", "package.json", "convex.json"}

// cache stores one JSON file per input key.
type cache struct{ dir string }

// cacheEntry is a stored extraction: <key>.json holds this, <key>.spec the
// spec itself (read as is, no JSON decoding of 2 MB strings). Inputs are the
// files outside the functions directory that the bundle read (shared code
// such as ../lib), with their hashes: a hit needs them unchanged too.
type cacheEntry struct {
	Warnings []string          `json:"warnings"`
	Inputs   map[string]string `json:"inputs"`
	spec     []byte
}

func openCache(dir string) (*cache, error) {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("no user cache directory (%v); pass --no-cache", err)
		}
		dir = filepath.Join(base, "authgen", "spec")
	}
	return &cache{dir: dir}, nil
}

func (c *cache) path(key, ext string) string { return filepath.Join(c.dir, key+ext) }

// get returns the entry for key when its extra inputs are unchanged.
func (c *cache) get(key string) *cacheEntry {
	data, err := os.ReadFile(c.path(key, ".json"))
	if err != nil {
		return nil
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil {
		return nil
	}
	for file, sum := range e.Inputs {
		if got, err := fileSum(file); err != nil || got != sum {
			return nil
		}
	}
	if e.spec, err = os.ReadFile(c.path(key, ".spec")); err != nil {
		return nil
	}
	return &e
}

// put stores res under key: the spec first, then the entry that makes it
// visible, each through a temporary file and a rename, so a concurrent
// reader sees a whole entry or none.
func (c *cache) put(key string, res *Result, inputs []string, dir string) error {
	e := cacheEntry{Warnings: res.Warnings, Inputs: map[string]string{}}
	for _, file := range inputs {
		if within(dir, file) {
			continue // already in the key
		}
		sum, err := fileSum(file)
		if err != nil {
			return err
		}
		e.Inputs[file] = sum
	}
	meta, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	if err := c.write(key, ".spec", res.Spec); err != nil {
		return err
	}
	return c.write(key, ".json", meta)
}

func (c *cache) write(key, ext string, data []byte) error {
	tmp, err := os.CreateTemp(c.dir, key+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), c.path(key, ext))
}

func within(dir, file string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// inputKey hashes what the spec depends on: the extractor, every file in
// the functions directory (node_modules aside), the project's tsconfig,
// package.json and convex.json, the nearest lockfile, the env file and
// CONVEX_URL (it becomes the spec's url).
func inputKey(opts Options) (string, error) {
	h := &hasher{Hash: sha256.New(), buf: make([]byte, 64<<10)}
	fmt.Fprintf(h, "%s\x00", cacheFormat)
	h.Write(extractScript)
	err := filepath.WalkDir(opts.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(opts.Dir, path)
		return hashFile(h, "dir/"+filepath.ToSlash(rel), path)
	})
	if err != nil {
		return "", fmt.Errorf("hashing %s: %w", opts.Dir, err)
	}
	project := filepath.Dir(opts.Dir)
	for _, name := range projectFiles {
		if err := hashFile(h, "project/"+name, filepath.Join(project, name)); err != nil && !os.IsNotExist(err) {
			return "", err
		}
	}
	if lock := findLockfile(project); lock != "" {
		if err := hashFile(h, "lock/"+filepath.Base(lock), lock); err != nil {
			return "", err
		}
	}
	if opts.EnvFile != "" {
		if err := hashFile(h, "env-file", opts.EnvFile); err != nil {
			return "", &Error{Kind: KindEnvFile, Msg: err.Error()}
		}
	}
	fmt.Fprintf(h, "CONVEX_URL=%q\x00", os.Getenv("CONVEX_URL"))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hasher is a hash with one read buffer for every file it takes in.
type hasher struct {
	hash.Hash
	buf []byte
}

// hashFile adds a named file's length and content to h.
func hashFile(h *hasher, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s\x00%d\x00", name, st.Size())
	// The struct hides *os.File's WriteTo, which would allocate a buffer
	// per file instead of using h.buf.
	_, err = io.CopyBuffer(h.Hash, struct{ io.Reader }{f}, h.buf)
	return err
}

func fileSum(path string) (string, error) {
	h := &hasher{Hash: sha256.New(), buf: make([]byte, 32<<10)}
	if err := hashFile(h, "", path); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// findLockfile returns the first lockfile found in dir or above it.
func findLockfile(dir string) string {
	for {
		var found []string
		for _, name := range lockfiles {
			if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() {
				found = append(found, filepath.Join(dir, name))
			}
		}
		if len(found) > 0 {
			sort.Strings(found)
			return found[0]
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
