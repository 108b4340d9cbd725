/* Keeps the series cache directory from growing without end: there is a
 * file for every notmuch database ever opened, temporary ones included
 * (issue 7). A file whose database has not been opened for
 * PD_CACHE_PRUNE_DAYS goes, and so does a half-written one that a killed
 * writer left; the cost of a wrong guess is one cold start.
 */
#ifndef PD_CACHE_PRUNE_H
#define PD_CACHE_PRUNE_H

#include <time.h>

#define PD_CACHE_PRUNE_DAYS 30

/* Marks the cache file open on fd as used now (its modification time),
 * so that pruning keeps it while its database is opened. */
void pd_cache_touch(int fd);

/* Removes, beside kept (the file just written), every other index file
 * unused for PD_CACHE_PRUNE_DAYS and every temporary one older than a
 * day, as of now. Best effort: what cannot be removed stays. */
void pd_cache_prune(const char *kept, time_t now);

#endif
