/* Shared by the libFuzzer targets in tests/fuzz (built by `make fuzz`).
 *
 * The parsers take C strings, so the fuzz input is copied and terminated:
 * an embedded NUL ends the text just as it would when a mail's bytes
 * reach them. Every target builds under one talloc context per input and
 * frees it, so LeakSanitizer sees a leak as a leak. A broken promise of a
 * header (an invariant it states) aborts, which libFuzzer reports like a
 * crash, with the input saved.
 */
#ifndef PD_FUZZ_H
#define PD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string under ctx. */
static inline char *pd_fuzz_str(void *ctx, const uint8_t *data, size_t size)
{
	char *s = talloc_size(ctx, size + 1);
	if (s != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* The input's bytes in a block of exactly that size (one byte for an
 * empty input, which is not read), so that a read past the end is caught. */
static inline char *pd_fuzz_copy(void *ctx, const void *data, size_t size)
{
	char *s = talloc_size(ctx, size ? size : 1);
	if (s != NULL && size > 0)
		memcpy(s, data, size);
	return s;
}

/* Fails the run: the harness found a promise broken. */
#define PD_FUZZ_CHECK(cond)                                                              \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                  \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* Out of memory is the one failure the parsers may return; under the
 * fuzzer's memory limit it is a finding too, so any status but 0 is. */
#define PD_FUZZ_OK(call) PD_FUZZ_CHECK((call) == 0)

#endif
