// Package mono reads the machine's monotonic clock as Node's
// process.hrtime does, so that a time taken in one process can be
// subtracted from one taken in another (the live section's update latency:
// stamped by the fake deployment, read by the client under test).
package mono
