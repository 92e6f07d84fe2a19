/**
 * What the gateway tells about itself: the heartbeat to the centre every minute and the local
 * status page (zh-CN first, English switchable) for the technologist.
 */
package cn.qianli.gateway.status;
