import type { IncomingMessage } from 'node:http';

export declare const PEER_HEADER: string;
export declare function stampPeer(request: IncomingMessage): void;
export declare function peerStamped(): boolean;
