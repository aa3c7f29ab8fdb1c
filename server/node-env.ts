// Imported first by server/main.ts: React and React Router pick their production builds at
// import time from NODE_ENV, so it must be set before anything imports them.
process.env.NODE_ENV ??= "production";
