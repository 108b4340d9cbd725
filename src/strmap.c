#include "config.h"

#include "strmap.h"

#include <stdint.h>
#include <string.h>
#include <talloc.h>

#include "status.h"

struct slot {
	const char *key; /* NULL: empty */
	size_t len;
	uint64_t hash;
	size_t value;
};

struct pd_strmap {
	struct slot *slots;
	size_t cap; /* a power of two */
	size_t count;
};

/* FNV-1a, then a final mix so that the low bits used for the index depend
 * on every byte (Message-IDs often differ only in their first digits). */
static uint64_t hash_bytes(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static size_t cap_for(size_t n)
{
	size_t cap = 16;
	/* keep the load under one half: probes stay short */
	while (cap < n * 2 && cap < SIZE_MAX / 4)
		cap *= 2;
	return cap;
}

struct pd_strmap *pd_strmap_new(void *ctx, size_t hint)
{
	struct pd_strmap *map = talloc_zero(ctx, struct pd_strmap);
	if (map == NULL)
		return NULL;
	map->cap = cap_for(hint);
	map->slots = talloc_zero_array(map, struct slot, map->cap);
	if (map->slots == NULL) {
		talloc_free(map);
		return NULL;
	}
	return map;
}

static struct slot *probe(struct slot *slots, size_t cap, const char *key, size_t len, uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);
	for (;;) {
		struct slot *s = &slots[i];
		if (s->key == NULL ||
		    (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

static int grow(struct pd_strmap *map)
{
	size_t cap = map->cap * 2;
	struct slot *slots = talloc_zero_array(map, struct slot, cap);
	if (slots == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < map->cap; i++) {
		struct slot *old = &map->slots[i];
		if (old->key != NULL)
			*probe(slots, cap, old->key, old->len, old->hash) = *old;
	}
	talloc_free(map->slots);
	map->slots = slots;
	map->cap = cap;
	return 0;
}

int pd_strmap_add(struct pd_strmap *map, const char *key, size_t len, size_t value, size_t *old)
{
	if ((map->count + 1) * 2 > map->cap && grow(map) < 0)
		return PD_E_NOMEM;
	/* an empty key is still a key: give it a non-NULL pointer */
	if (key == NULL)
		key = "", len = 0;
	uint64_t hash = hash_bytes(key, len);
	struct slot *s = probe(map->slots, map->cap, key, len, hash);
	if (s->key != NULL) {
		if (old != NULL)
			*old = s->value;
		return 1;
	}
	*s = (struct slot){ .key = key, .len = len, .hash = hash, .value = value };
	map->count++;
	return 0;
}

int pd_strmap_set(struct pd_strmap *map, const char *key, size_t len, size_t value)
{
	if ((map->count + 1) * 2 > map->cap && grow(map) < 0)
		return PD_E_NOMEM;
	if (key == NULL)
		key = "", len = 0;
	uint64_t hash = hash_bytes(key, len);
	struct slot *s = probe(map->slots, map->cap, key, len, hash);
	if (s->key == NULL)
		map->count++;
	*s = (struct slot){ .key = key, .len = len, .hash = hash, .value = value };
	return 0;
}

bool pd_strmap_get(const struct pd_strmap *map, const char *key, size_t len, size_t *value)
{
	if (key == NULL)
		key = "", len = 0;
	const struct slot *s = probe(map->slots, map->cap, key, len, hash_bytes(key, len));
	if (s->key == NULL)
		return false;
	if (value != NULL)
		*value = s->value;
	return true;
}

size_t pd_strmap_count(const struct pd_strmap *map)
{
	return map->count;
}
