/* Where patchdeck keeps its files in the user's home, by the XDG base
 * directory rules: $VAR when it holds an absolute path (a relative one is
 * ignored, as the spec says), else $HOME/FALLBACK. */
#ifndef PD_XDG_H
#define PD_XDG_H

/* "$VAR/patchdeck/SUB" or "$HOME/FALLBACK/patchdeck/SUB" (SUB NULL: no
 * last part), e.g. pd_xdg_path(ctx, "XDG_CACHE_HOME", ".cache", "check").
 * NULL only without memory. */
char *pd_xdg_path(void *ctx, const char *var, const char *fallback, const char *sub);

#endif
