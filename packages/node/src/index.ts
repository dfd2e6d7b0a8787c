// @trailmark/node: a typed client for Trailmark's public API (/api/v1), on
// fetch alone, so it runs on Node 18+, Bun, Deno and edge runtimes.
import { ApiClient, type TrailmarkOptions } from "./client.js";
import type * as T from "./generated.js";

export { ApiClient, retryAfterSeconds, type Answer, type OperationId, type TrailmarkOptions } from "./client.js";
export { TrailmarkError } from "./errors.js";
export type * from "./generated.js";

type Q<K extends keyof T.Operations> = T.Operations[K]["query"];
export type Payment = T.PaymentResponse["payment"];

export class Trailmark {
  /** Every operation by its OpenAPI id, for what the helpers below do not cover. */
  readonly api: ApiClient;

  constructor(options: TrailmarkOptions) {
    this.api = new ApiClient(options);
  }

  readonly payments = {
    /**
     * Records a payment (or its refund: the same call with `refunded` or
     * `refundedAmount`). Idempotent by transactionId, so it is safe to retry
     * and to call from every webhook delivery: `created` says whether this
     * call recorded it.
     */
    record: async (payment: T.PaymentRequest): Promise<{ payment: Payment; created: boolean }> => {
      const { status, data } = await this.api.call("postPayments", { body: payment });
      return { payment: data.payment, created: status === 201 };
    },
    /** Deletes a payment recorded through the API, with its refunds. */
    delete: async (transactionId: string): Promise<void> => {
      await this.api.call("deletePayments", { query: { transactionId } });
    },
  };

  readonly goals = {
    /** Records a goal for a visitor the website has seen (404 `visitor_not_found` otherwise). */
    record: async (goal: T.GoalRequest): Promise<T.GoalResponse> => (await this.api.call("postGoals", { body: goal })).data,
  };

  /** Links a visitor to your user id (and email, name, traits). */
  identify = async (who: T.IdentifyRequest): Promise<T.IdentifyResponse> => (await this.api.call("postIdentify", { body: who })).data;

  readonly visitors = {
    list: async (query: Q<"getVisitors"> = {}): Promise<T.VisitorList> => (await this.api.call("getVisitors", { query })).data,
    get: async (visitorId: string): Promise<T.VisitorResponse["visitor"]> => (await this.api.call("getVisitorsVisitorId", { params: { visitorId } })).data.visitor,
    /** Every visitor matching `query`, page after page: `for await (const v of client.visitors.all())`. */
    all: (query: Omit<Q<"getVisitors">, "cursor"> = {}) => this.#allVisitors(query),
  };

  async *#allVisitors(query: Omit<Q<"getVisitors">, "cursor">): AsyncGenerator<T.VisitorList["visitors"][number]> {
    let cursor: string | null = null;
    do {
      const page: T.VisitorList = await this.visitors.list({ ...query, ...(cursor && { cursor }) });
      yield* page.visitors;
      cursor = page.nextCursor;
    } while (cursor);
  }

  readonly stats = {
    overview: async (query: Q<"getStatsOverview"> = {}): Promise<T.StatsOverview> => (await this.api.call("getStatsOverview", { query })).data,
    timeseries: async (query: Q<"getStatsTimeseries"> = {}): Promise<T.StatsTimeseries> => (await this.api.call("getStatsTimeseries", { query })).data,
    breakdown: async (query: Q<"getStatsBreakdown">): Promise<T.StatsBreakdown> => (await this.api.call("getStatsBreakdown", { query })).data,
  };

  /** Visitors active in the last five minutes. */
  realtime = async (): Promise<T.Realtime> => (await this.api.call("getRealtime")).data;

  /** Raw events of a range as CSV text. */
  export = async (query: Q<"getExport">): Promise<string> => (await this.api.call("getExport", { query })).data;
}
