package convex

// Version is the version of this runtime package. The client announces it
// to the deployment in the Convex-Client header (DefaultClientName), which
// the deployment uses to pick its defaults and to warn about old clients.
const Version = "0.1.0"
