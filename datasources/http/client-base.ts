import type { VendorHealthModel } from '../../src/domain/models';
import type { VendorId } from '../../src/domain/vendor';
import type { VendorClientLike } from '../../src/vendor-registry';
import type { CallContext } from './context';
import type { VendorHttp } from './vendor-http';

/** What every vendor client answers the same way, from its shared HTTP layer. */
export abstract class VendorClientBase implements VendorClientLike {
  abstract readonly vendor: VendorId;
  protected abstract readonly http: VendorHttp;

  /** Calls this client may make per rate window now (the cost limits compare against it). */
  budgetPerWindow(): number {
    return this.http.limiter.rule().limit;
  }

  /** Gets ready for the first caller: logs in now when the vendor wants a login. */
  warmUp(ctx: CallContext): Promise<void> {
    return this.http.warmUp(ctx);
  }

  health(): Promise<VendorHealthModel> {
    return this.http.health();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
