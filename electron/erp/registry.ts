import type { ErpConfig } from '../../shared/erp-connection';
import type { ErpConnector } from './port';
import { MicrosipConnector } from './microsip/microsip-connector';
import { ContpaqiConnector } from './contpaqi/contpaqi-connector';

/** The only place that knows every adapter. */
export type ErpFactory = (config: ErpConfig, password: string) => ErpConnector;

export const createErpConnector: ErpFactory = (config, password) => {
  switch (config.kind) {
    case 'microsip':
      return new MicrosipConnector(config, password);
    case 'contpaqi':
      return new ContpaqiConnector(config, password);
  }
};
