/* Waiting for another writer's lock on a notmuch database. notmuch would
 * wait for it without a word (it opens with Xapian's DB_RETRY_LOCK), so
 * every writer of patchdeck waits here instead, where the wait is told
 * and bounded. */
#ifndef PD_STORE_LOCK_H
#define PD_STORE_LOCK_H

/* Told once per attempt while another writer holds the lock: waited_ms
 * so far (0 the first time). */
typedef void pd_lock_wait_fn(void *data, unsigned waited_ms);

/* PD_OK once no other process holds the write lock on the database at
 * db_path (its database.path); while one does, retries every 200 ms for
 * up to wait_ms, calling waiting (when not NULL) before each wait.
 * PD_E_DB_LOCKED when still held after wait_ms, PD_E_NOMEM; no message
 * is set: what was left undone is the caller's to say. */
int pd_store_wait_unlocked(const char *db_path, unsigned wait_ms, pd_lock_wait_fn *waiting,
			   void *data);

#endif
