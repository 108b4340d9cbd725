#!/bin/bash
# Placeholder while this test is written (issue 3/4 session 3).
. "$top_srcdir/tests/lib.sh"
tap_skip_all "not written yet"
