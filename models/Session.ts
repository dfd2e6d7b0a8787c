import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";
import { visitContextFields } from "./fields";

/**
 * The _id of a session: "<websiteId>:<sessionId>". FerretDB's SQLite backend
 * pushes an _id filter down to SQLite but scans every document in Go for any
 * other filter (about 0.2 s against 3.4 s for a miss on 7k sessions), and
 * ingest looks sessions up and upserts them constantly.
 */
export const sessionKey = (websiteId: unknown, sessionId: string) => `${String(websiteId)}:${sessionId}`;

// One visit: upserted at ingest so entry/exit page, duration and bounce are
// precomputed (FerretDB cannot derive them with $first/$last).
const sessionSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    sessionId: { type: String, required: true },
    visitorId: { type: String, required: true },
    userId: { type: String },
    startedAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    entryPage: { type: String },
    exitPage: { type: String },
    pageviews: { type: Number, default: 0 },
    events: { type: Number, default: 0 },
    duration: { type: Number, default: 0 }, // seconds
    bounce: { type: Boolean, default: true },
    // Set on a session that went idle and came back under the same client id:
    // the id of the newer session, so a restarted server continues it.
    continuedAs: { type: String },
    // The pageview a scroll event updates (by _id, for the same reason).
    lastPageviewId: { type: Types.ObjectId },
    ...visitContextFields,
  },
  { timestamps: false },
);
sessionSchema.pre("validate", function () {
  this._id ??= sessionKey(this.websiteId, this.sessionId);
});
sessionSchema.index({ websiteId: 1, startedAt: 1 });
sessionSchema.index({ websiteId: 1, sessionId: 1 }, { unique: true });
sessionSchema.index({ websiteId: 1, visitorId: 1, startedAt: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const Session = defineModel("Session", sessionSchema);
