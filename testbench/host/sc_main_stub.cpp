// libsystemc.so carries its own main(), which calls sc_main(), so the symbol must exist even
// in executables that have a main of their own (Catch2's, nicsim's) and drive SystemC with
// sc_start() directly, as these do. It is never called.
extern "C" int sc_main(int, char**);
extern "C" int sc_main(int, char**) { return 1; }
