//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
)

// checkLinks follows the chain of links at path, as the kernel's
// fs.protected_symlinks=1 does, and fails on the first link it would
// refuse, whether or not the kernel enforces the rule itself.
func checkLinks(path string) error {
	for hops := 0; hops < 40; hops++ {
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&os.ModeSymlink == 0 {
			return nil
		}
		if err := checkLink(path, info); err != nil {
			return err
		}
		target, err := os.Readlink(path)
		if err != nil {
			return nil
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return nil
}

func checkLink(path string, info os.FileInfo) error {
	link, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	dirInfo, err := os.Stat(filepath.Dir(path))
	if err != nil {
		return nil
	}
	dir, ok := dirInfo.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	const stickyWorldWritable = syscall.S_ISVTX | 0o002
	if dir.Mode&stickyWorldWritable != stickyWorldWritable {
		return nil
	}
	if uid := uint32(os.Geteuid()); link.Uid == uid || link.Uid == dir.Uid {
		return nil
	}
	return &UnsafeLinkError{Link: path, LinkOwner: link.Uid}
}
