// Package makefile holds the tests of the repository's Makefile: what
// `make help` prints. It has no code of its own.
package makefile
