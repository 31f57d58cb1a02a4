export { MicrosipOrderWriter } from './microsip-order-writer';
export {
  validateOrder,
  isValidRfc,
  MAX_AMOUNT,
  MAX_QUANTITY,
  type OrderPlan,
  type PlannedLine,
} from './validate-order';
export type { OrderFacts, CustomerFacts, ArticleFacts, SeriesFacts, TextLimits } from './order-facts';
export { formatFolio } from './folio';
export { isoCodeOf, currencyMap } from './currency-codes';
