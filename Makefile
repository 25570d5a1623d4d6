# Thin wrapper over build.sh, which finds the JDK and fetches dependencies.
.PHONY: all build test run clean

all: build

build:
	./build.sh build

test:
	./build.sh test

run:
	./build.sh run

clean:
	./build.sh clean
