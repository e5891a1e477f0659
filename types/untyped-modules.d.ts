declare module 'asl-validator';
