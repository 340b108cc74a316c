//go:build !linux

package output

import "os"

// startWriteback is a no-op where the system has no sync_file_range.
func startWriteback(*os.File, int64, int64) {}
