// Swift has no prefetch: the event queue's sift asks for the next level's cache lines early.
static inline void leadsim_prefetch(const void *address) { __builtin_prefetch(address); }
