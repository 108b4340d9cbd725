#!/bin/bash
. "$top_srcdir/tests/lib.sh"
tap_done
