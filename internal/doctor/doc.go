// Package doctor explains why a server thinks nobody is signed in: it checks
// the environment, discovery, the token endpoint, browser cookies, Convex and
// the manifest, and prints one finding and one fix per check.
package doctor
