package output

import (
	"fmt"
	"strconv"
)

// UnsafeLinkError is a symbolic link that the kernel's protected-symlinks
// rule would not follow: one in a sticky world-writable folder (/tmp)
// owned by neither the caller nor the folder's owner, which anyone could
// have planted there to make the output replace a file of the caller's.
type UnsafeLinkError struct {
	Link      string
	LinkOwner uint32
}

func (e *UnsafeLinkError) Error() string {
	return fmt.Sprintf("refusing to write through %s: a symbolic link of another user (uid %d) in a sticky world-writable folder",
		strconv.Quote(e.Link), e.LinkOwner)
}
