/* A small hash map from byte strings to size_t, for the series model's
 * indexes (Message-IDs, stems, titles). Open addressing with linear
 * probing; keys are borrowed (never copied), so they must outlive the map;
 * the map is a talloc object freed with its parent. Entries are never
 * removed: the model only ever builds indexes and reads them.
 */
#ifndef PD_STRMAP_H
#define PD_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct pd_strmap;

/* A map under ctx sized for about hint entries; NULL when out of memory. */
struct pd_strmap *pd_strmap_new(void *ctx, size_t hint);

/* Adds key -> value unless key is present. Returns 1 and sets *old (when
 * old is not NULL) to the value already there, 0 when added, or
 * PD_E_NOMEM. */
int pd_strmap_add(struct pd_strmap *map, const char *key, size_t len, size_t value, size_t *old);

/* Adds key -> value, or replaces the value of key. 0 or PD_E_NOMEM. */
int pd_strmap_set(struct pd_strmap *map, const char *key, size_t len, size_t value);

/* Finds key: true and *value set when present. */
bool pd_strmap_get(const struct pd_strmap *map, const char *key, size_t len, size_t *value);

size_t pd_strmap_count(const struct pd_strmap *map);

#endif
