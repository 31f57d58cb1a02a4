export { StartProOrderWriter, type StartProOrderContext } from './startpro-order-writer';
export { DEFAULT_SERIES, SUPPORTED_CURRENCIES } from './plan-order';
