// Catch2's main for test_intr_moderation, in its own file so editing the tests recompiles less.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
