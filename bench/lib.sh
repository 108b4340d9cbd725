# Shared by the bench scripts (sourced).

# evict DIR...: drops the files below each DIR from the page cache with
# posix_fadvise, which needs no privileges and leaves the rest of the
# machine alone, so the next run reads them cold.
evict() {
	python3 - "$@" <<'PY'
import os, sys
for top in sys.argv[1:]:
    for d, _, files in os.walk(top):
        for f in files:
            try:
                fd = os.open(os.path.join(d, f), os.O_RDONLY)
            except OSError:
                continue
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.close(fd)
PY
}
